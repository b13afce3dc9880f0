import type { InputMediaType } from './capabilities.js';

/**
 * An input image after the engine has read and checked it. Providers receive these and never
 * re-read the user's input themselves.
 *
 * `stream()` returns a fresh stream on every call, so a request body built from it can be replayed
 * on retry; for a file on disk it streams from disk, so a 50 MB input is never held in memory.
 */
export interface ImageFile {
  readonly filename: string;
  readonly mediaType: InputMediaType;
  readonly width: number;
  readonly height: number;
  /** Size in bytes. */
  readonly size: number;
  /** Absolute path when the image is a local file. */
  readonly path?: string;
  stream(): ReadableStream<Uint8Array>;
  bytes(): Promise<Uint8Array>;
}
