import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RetouchError } from '@retouch/core';
import { readFileStream } from './read-file-stream.js';

/**
 * Saves a response body to a temporary file, streamed (never whole in memory), up to `maxBytes`.
 * A batch's result file is read from disk afterwards: processing thousands of results takes
 * minutes, and a server closes a connection it thinks idle, which would drop the unread rest.
 */
export async function downloadToTempFile(
  body: ReadableStream<Uint8Array>,
  options: { maxBytes: number; provider: string; signal: AbortSignal },
): Promise<{ path: string; open(): ReadableStream<Uint8Array>; remove(): Promise<void> }> {
  const path = join(tmpdir(), `retouch-batch-result-${randomBytes(8).toString('hex')}.jsonl`);
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.byteLength;
      if (bytes > options.maxBytes) {
        done(
          new RetouchError({
            code: 'invalid_response',
            provider: options.provider,
            message: `${options.provider}: a batch result file is larger than ${options.maxBytes} bytes, so it was not read.`,
          }),
        );
      } else done(null, chunk);
    },
  });
  const remove = () => rm(path, { force: true });
  try {
    await pipeline(
      Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>),
      cap,
      createWriteStream(path, { mode: 0o600 }),
      { signal: options.signal },
    );
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    path,
    open: () => readFileStream(path),
    remove,
  };
}
