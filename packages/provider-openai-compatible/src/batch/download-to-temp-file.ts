import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const remove = () => rm(path, { force: true });
  // Each chunk is on disk before the next is read: the body is pulled no faster than the disk
  // takes it, and no stream in between buffers or copies it again (a 60 MB file through a
  // pipeline of Node streams left tens of MB of chunks behind for the garbage collector).
  const reader = body.getReader();
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'w', 0o600);
    let bytes = 0;
    for (;;) {
      options.signal.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > options.maxBytes) {
        throw new RetouchError({
          code: 'invalid_response',
          provider: options.provider,
          message: `${options.provider}: a batch result file is larger than ${options.maxBytes} bytes, so it was not read.`,
        });
      }
      await file.write(value);
    }
    await file.close();
    file = undefined;
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    await file?.close().catch(() => undefined);
    await remove();
    throw error;
  } finally {
    reader.releaseLock();
  }
  return {
    path,
    open: () => readFileStream(path),
    remove,
  };
}
