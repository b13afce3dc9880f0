import { randomBytes } from 'node:crypto';
import type { ImageFile } from '../contract/image-file.js';
import { RetouchError } from '../errors/retouch-error.js';
import { readFileChunksInPlace } from './file-chunks-in-place.js';

export type MultipartPart = { name: string; value: string } | { name: string; file: ImageFile };

/**
 * A multipart/form-data body whose length is known up front, so it can be sent with
 * `content-length` (some gateways refuse chunked uploads) while files still stream from disk.
 */
export interface MultipartBody {
  /** `multipart/form-data; boundary=…` */
  readonly contentType: string;
  /** Exact byte length, computed from the part headers and the file sizes. */
  readonly contentLength: number;
  /** A fresh stream on every call, so a retry can send the body again. */
  stream(): ReadableStream<Uint8Array>;
}

const multipartMarker = Symbol.for('@retouch/core/multipart-body');
const uploadChunksKey = Symbol.for('@retouch/core/multipart-upload-chunks');
const encoder = new TextEncoder();

type Piece = Uint8Array | ImageFile;
/** Smaller files are usually already in memory (see readImageInput); reading them again costs more. */
const inPlaceMinBytes = 64 * 1024;

export function createMultipartBody(parts: readonly MultipartPart[]): MultipartBody {
  const boundary = `----RetouchFormBoundary${randomBytes(12).toString('hex')}`;
  const pieces = layOut(parts, boundary);
  const contentLength = pieces.reduce(
    (total, piece) => total + (piece instanceof Uint8Array ? piece.byteLength : piece.size),
    0,
  );

  async function* generate(inPlace: boolean): AsyncGenerator<Uint8Array> {
    for (const piece of pieces) {
      if (piece instanceof Uint8Array) yield piece;
      else if (inPlace && piece.path && piece.size > inPlaceMinBytes) {
        yield* readFileChunksInPlace(piece.path, piece.size, piece.filename);
      } else yield* streamExactly(piece);
    }
  }

  const body: MultipartBody = {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    stream: () => toReadableStream(generate(false)),
  };
  Object.defineProperty(body, multipartMarker, { value: true });
  Object.defineProperty(body, uploadChunksKey, { value: () => generate(true) });
  return body;
}

/**
 * One file as a raw request body (an upload `PUT`), streamed like a multipart body: from disk in
 * reused buffers for a local file, never whole in memory, and replayable on retry.
 */
export function createFileBody(file: ImageFile): MultipartBody {
  async function* generate(inPlace: boolean): AsyncGenerator<Uint8Array> {
    if (inPlace && file.path && file.size > inPlaceMinBytes) {
      yield* readFileChunksInPlace(file.path, file.size, file.filename);
    } else yield* streamExactly(file);
  }
  const body: MultipartBody = {
    contentType: file.mediaType,
    contentLength: file.size,
    stream: () => toReadableStream(generate(false)),
  };
  Object.defineProperty(body, multipartMarker, { value: true });
  Object.defineProperty(body, uploadChunksKey, { value: () => generate(true) });
  return body;
}

/**
 * The body as undici's request writer should consume it: local files are read into reused
 * buffers (see readFileChunksInPlace). Falls back to `stream()` for bodies from another copy.
 */
export function multipartUploadChunks(body: MultipartBody): AsyncIterable<Uint8Array> {
  const chunks = (body as { [uploadChunksKey]?: () => AsyncIterable<Uint8Array> })[uploadChunksKey];
  return chunks ? chunks() : body.stream();
}

/**
 * Part headers, values and line breaks between files are merged into single chunks, so a body
 * with one file goes out in a handful of socket writes rather than one per fragment.
 */
function layOut(parts: readonly MultipartPart[], boundary: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  const flush = () => {
    if (text) pieces.push(encoder.encode(text));
    text = '';
  };
  parts.forEach((part, index) => {
    const disposition = `form-data; name="${escapeQuoted(part.name)}"`;
    const separator = index === 0 ? '' : '\r\n';
    if ('file' in part) {
      text +=
        `${separator}--${boundary}\r\nContent-Disposition: ${disposition}; filename="${escapeQuoted(part.file.filename)}"\r\n` +
        `Content-Type: ${part.file.mediaType}\r\n\r\n`;
      flush();
      pieces.push(part.file);
    } else {
      text += `${separator}--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n${normalizeNewlines(part.value)}`;
    }
  });
  text += `${parts.length > 0 ? '\r\n' : ''}--${boundary}--\r\n`;
  flush();
  return pieces;
}

/** True for bodies from any copy of @retouch/core, where `instanceof` checks would fail. */
export function isMultipartBody(value: unknown): value is MultipartBody {
  return typeof value === 'object' && value !== null && multipartMarker in value;
}

/** The declared length went into `content-length`; a file that changed on disk must not corrupt the upload. */
async function* streamExactly(file: ImageFile): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  let sent = 0;
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      sent += value.byteLength;
      if (sent > file.size) break;
      yield value;
    }
  } finally {
    // Stopped early (too long, or the upload was abandoned): close the file rather than leak it.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  if (sent !== file.size) {
    throw new RetouchError({
      code: 'invalid_request',
      message: `${file.filename} changed while it was being uploaded (expected ${file.size} bytes, read ${sent}). Try again once the file is no longer being written.`,
    });
  }
}

function toReadableStream(source: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await source.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

/** Quoted header parameters are escaped the way browsers encode form data (WHATWG HTML). */
function escapeQuoted(value: string): string {
  return value.replaceAll('\r', '%0D').replaceAll('\n', '%0A').replaceAll('"', '%22');
}

function normalizeNewlines(value: string): string {
  return value.replace(/\r\n|\r|\n/g, '\r\n');
}
