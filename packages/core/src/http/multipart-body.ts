import { randomBytes } from 'node:crypto';
import type { ImageFile } from '../contract/image-file.js';
import { RetouchError } from '../errors/retouch-error.js';

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
const encoder = new TextEncoder();

export function createMultipartBody(parts: readonly MultipartPart[]): MultipartBody {
  const boundary = `----RetouchFormBoundary${randomBytes(12).toString('hex')}`;
  // Each part is its header bytes, then either a value or a file, then CRLF.
  const segments = parts.map((part) => {
    const disposition = `form-data; name="${escapeQuoted(part.name)}"`;
    if ('file' in part) {
      const head =
        `--${boundary}\r\nContent-Disposition: ${disposition}; filename="${escapeQuoted(part.file.filename)}"\r\n` +
        `Content-Type: ${part.file.mediaType}\r\n\r\n`;
      return { head: encoder.encode(head), file: part.file };
    }
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n${normalizeNewlines(part.value)}`;
    return { head: encoder.encode(head), file: undefined };
  });
  const lineBreak = encoder.encode('\r\n');
  const closing = encoder.encode(`--${boundary}--\r\n`);
  const contentLength =
    segments.reduce(
      (total, segment) =>
        total + segment.head.byteLength + (segment.file?.size ?? 0) + lineBreak.byteLength,
      0,
    ) + closing.byteLength;

  async function* generate(): AsyncGenerator<Uint8Array> {
    for (const segment of segments) {
      yield segment.head;
      if (segment.file) yield* streamExactly(segment.file);
      yield lineBreak;
    }
    yield closing;
  }

  const body: MultipartBody = {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    stream: () => toReadableStream(generate()),
  };
  Object.defineProperty(body, multipartMarker, { value: true });
  return body;
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
