import { open, readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputMediaType } from '../contract/capabilities.js';
import type { ImageInput } from '../contract/edit-request.js';
import type { ImageFile } from '../contract/image-file.js';
import { throwIfAborted } from '../errors/abort-error.js';
import { isRetouchError, RetouchError } from '../errors/retouch-error.js';
import { guardedDownload } from '../http/guarded-download.js';
import { createHttpClient } from '../http/http-client.js';
import type { ImageSource } from '../image/codec-types.js';
import { loadImageCodec } from '../image/image-codec.js';
import { decodeDataUri } from './decode-data-uri.js';
import { createFileStream } from './file-stream.js';
import { readFileHead } from './read-file-head.js';
import { sniffContainer } from './sniff-container.js';
import { type SniffedImage, sniffImage } from './sniff-image.js';

export interface ReadImageInputOptions {
  signal?: AbortSignal;
  /** Largest image accepted from an http(s) URL. Default 50 MB. */
  maxDownloadBytes?: number;
  /** How error messages name this input, e.g. `images[1]` or `mask`. Default `image`. */
  field?: string;
}

/** An input after reading, with what the engine needs beyond the provider-facing `ImageFile`. */
export interface ReadImage {
  file: ImageFile;
  hasAlpha: boolean | undefined;
  /** EXIF orientation 1–8 when the head tells it (JPEG); types read by the codec report theirs. */
  orientation?: number;
  /** Bits per sample when the header tells it: 16 for a deep PNG or TIFF. */
  bitDepth?: number;
}

const headBytes = 64 * 1024;
const largeJpegHeadBytes = 4 * 1024 * 1024;
const defaultMaxDownloadBytes = 50 * 1024 * 1024;
const extensions: Record<InputMediaType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/avif': 'avif',
  'image/tiff': 'tiff',
  'image/bmp': 'bmp',
};

/**
 * Reads a user's image input into an `ImageFile`: local paths stay on disk and stream on demand,
 * everything else is held in memory. The type and dimensions come from the bytes, never from a
 * file name or a declared content type.
 */
export async function readImageInput(
  input: ImageInput,
  options: ReadImageInputOptions = {},
): Promise<ImageFile> {
  return (await readImage(input, options)).file;
}

export async function readImage(
  input: ImageInput,
  options: ReadImageInputOptions = {},
): Promise<ReadImage> {
  const field = options.field ?? 'image';
  throwIfAborted(options.signal);
  if (typeof input === 'string') {
    if (/^data:/i.test(input)) return fromBytes(decodeDataUri(input, field), undefined, field);
    if (/^https?:\/\//i.test(input)) return download(input, options, field);
    if (/^file:\/\//i.test(input)) return fromPath(fileURLToPath(input), field);
    return fromPath(input, field);
  }
  if (input instanceof URL) return readImage(input.href, options);
  if (input instanceof Uint8Array) return fromBytes(input, undefined, field);
  if (input instanceof ArrayBuffer) return fromBytes(new Uint8Array(input), undefined, field);
  if (input instanceof Blob) {
    const name = 'name' in input && typeof input.name === 'string' ? input.name : undefined;
    return fromBytes(new Uint8Array(await input.arrayBuffer()), name, field);
  }
  if (typeof input === 'object' && input !== null) {
    if ('path' in input && typeof input.path === 'string') return fromPath(input.path, field);
    if ('data' in input && input.data instanceof Uint8Array) {
      return fromBytes(input.data, input.filename, field);
    }
  }
  throw invalidInput(
    field,
    `${field} is not an image input: pass a path, a URL, a data URI, bytes or a Blob.`,
    'expected a path, URL, data URI, Uint8Array, ArrayBuffer or Blob',
  );
}

function invalidInput(
  field: string,
  message: string,
  issue: string,
  cause?: unknown,
): RetouchError {
  return new RetouchError({
    code: 'invalid_request',
    message,
    issues: [{ field, message: issue }],
    cause,
  });
}

function notAnImage(field: string, name: string): RetouchError {
  return invalidInput(
    field,
    `${name} is not an image: Retouch reads PNG, JPEG, WebP, GIF, HEIC, AVIF, TIFF and BMP.`,
    'not a PNG, JPEG, WebP, GIF, HEIC, AVIF, TIFF or BMP image',
  );
}

type Identified = Omit<SniffedImage, 'mediaType'> & { mediaType: InputMediaType };

/**
 * PNG, JPEG, WebP and GIF are told from their headers alone; HEIC, AVIF, TIFF and BMP load the
 * image codec for their sizes (their headers hold them deep in boxes or directories).
 */
async function identify(
  head: Uint8Array,
  source: ImageSource,
  name: string,
  field: string,
): Promise<Identified> {
  if (head.length === 0) {
    throw invalidInput(field, `${name} is empty: choose an image file with content.`, 'empty file');
  }
  const sniffed = sniffImage(head);
  if (sniffed) return sniffed;
  if (!sniffContainer(head)) throw notAnImage(field, name);
  const codec = await loadImageCodec();
  const info = await codec.metadata(source).catch((error: unknown) => {
    throw invalidInput(
      field,
      `${name} could not be read as an image: ${error instanceof Error ? error.message : String(error)}.`,
      'unreadable image',
      error,
    );
  });
  return {
    mediaType: info.mediaType,
    width: info.width,
    height: info.height,
    hasAlpha: info.hasAlpha,
    orientation: info.orientation,
    bitDepth: info.bitDepth,
  };
}

function readImageOf(file: ImageFile, sniffed: Identified): ReadImage {
  return {
    file,
    hasAlpha: sniffed.hasAlpha,
    ...(sniffed.orientation === undefined ? {} : { orientation: sniffed.orientation }),
    ...(sniffed.bitDepth === undefined ? {} : { bitDepth: sniffed.bitDepth }),
  };
}

async function fromBytes(
  data: Uint8Array,
  filename: string | undefined,
  field: string,
): Promise<ReadImage> {
  const label = filename ?? field;
  // The sniffer reads headers only, so handing it all the bytes costs nothing.
  const sniffed = await identify(data, data, label, field);
  const file: ImageFile = {
    filename: filename ?? `${defaultName(field)}.${extensions[sniffed.mediaType]}`,
    mediaType: sniffed.mediaType,
    width: sniffed.width,
    height: sniffed.height,
    size: data.byteLength,
    stream: () => memoryStream(data),
    bytes: async () => data,
  };
  return readImageOf(file, sniffed);
}

function memoryStream(data: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(data.slice());
      controller.close();
    },
  });
}

/** `images[0]` becomes `image-1`, so messages about unnamed bytes still say which one. */
function defaultName(field: string): string {
  const index = /^images\[(\d+)\]$/.exec(field)?.[1];
  return index === undefined ? field.replace(/\W+/g, '-') : `image-${Number(index) + 1}`;
}

async function fromPath(path: string, field: string): Promise<ReadImage> {
  const absolute = resolve(path);
  const name = basename(absolute);
  const { stats, head: first } = await readFileHead(absolute, headBytes).catch(
    (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? 'does not exist'
          : `cannot be read (${error.code ?? error.message})`;
      throw invalidInput(field, `${path} ${reason}: check the path.`, reason, error);
    },
  );
  if (!stats.isFile()) {
    throw invalidInput(field, `${path} is not a file: choose an image file.`, 'not a file');
  }
  let head = first;
  if (isJpegStart(head) && !sniffImage(head) && stats.size > head.length) {
    // Camera JPEGs can carry EXIF, XMP and ICC blocks past 64 KiB before the frame header.
    head = await readHead(absolute, Math.min(largeJpegHeadBytes, stats.size));
  }
  const sniffed = await identify(head, { path: absolute }, name, field);
  // When sniffing already read the whole (small) file, serve it from memory rather than reopen it.
  const whole = head.byteLength === stats.size ? head : undefined;
  const file: ImageFile = {
    filename: name,
    mediaType: sniffed.mediaType,
    width: sniffed.width,
    height: sniffed.height,
    size: stats.size,
    path: absolute,
    // A fresh stream per call keeps request bodies replayable and large files out of memory.
    stream: () => (whole ? memoryStream(whole) : createFileStream(absolute)),
    bytes: async () => whole ?? new Uint8Array(await readFile(absolute)),
  };
  return readImageOf(file, sniffed);
}

function isJpegStart(head: Uint8Array): boolean {
  return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function download(
  url: string,
  options: ReadImageInputOptions,
  field: string,
): Promise<ReadImage> {
  const client = createHttpClient({ provider: 'retouch' });
  try {
    // No credentials: an input URL is the user's, never the provider's.
    const { bytes } = await guardedDownload(url, {
      client,
      provider: 'retouch',
      maxBytes: options.maxDownloadBytes ?? defaultMaxDownloadBytes,
      signal: options.signal,
    });
    const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || '') || undefined;
    return fromBytes(bytes, name, field);
  } catch (error) {
    // The server misbehaving is a problem with the user's input here, not with a provider.
    if (isRetouchError(error) && error.code === 'invalid_response') {
      throw invalidInput(
        field,
        `${field} could not be used: ${error.message}`,
        error.message,
        error,
      );
    }
    throw error;
  } finally {
    await client.close();
  }
}
