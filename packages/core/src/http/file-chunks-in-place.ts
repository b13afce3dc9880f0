import { open } from 'node:fs/promises';
import { RetouchError } from '../errors/retouch-error.js';

const chunkBytes = 64 * 1024;

/**
 * Reads exactly `size` bytes of a file into two alternating buffers, for undici's request writer
 * only. That writer hands each chunk to `socket.write()` and, when the socket is over its
 * high-water mark (16 KiB, always the case after a 64 KiB chunk), waits for `drain` before asking
 * for the next one; so a buffer is never overwritten while the socket still holds it. Fresh
 * chunks would work too, but they pile up as garbage until V8 collects it: a 45 MB upload then
 * grows the process by about 30 MB instead of a few.
 *
 * Never hand these chunks to a consumer that keeps them (a web stream, a collector).
 */
export async function* readFileChunksInPlace(
  path: string,
  size: number,
  filename: string,
): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  const buffers = [new Uint8Array(chunkBytes), new Uint8Array(chunkBytes)] as const;
  let sent = 0;
  try {
    for (let turn = 0; sent < size; turn++) {
      const buffer = buffers[turn % 2]!;
      const wanted = Math.min(chunkBytes, size - sent);
      const { bytesRead } = await handle.read(buffer, 0, wanted, sent);
      if (bytesRead === 0) break;
      sent += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
  if (sent !== size) {
    throw new RetouchError({
      code: 'invalid_request',
      message: `${filename} changed while it was being uploaded (expected ${size} bytes, read ${sent}). Try again once the file is no longer being written.`,
    });
  }
}
