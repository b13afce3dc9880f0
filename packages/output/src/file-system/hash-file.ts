import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** Chunks of at most this much: a large source is never held in memory whole. */
const chunkBytes = 64 * 1024;

/**
 * SHA-256 of a file, streamed so a large source is never held in memory. Hex-encoded. Chunks
 * are no bigger than the file: a batch hashes thousands of small sources, and a 64 KB chunk
 * for each left megabytes of buffers to the garbage collector.
 */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  const { size } = await stat(path);
  const highWaterMark = Math.max(1, Math.min(chunkBytes, size + 1));
  for await (const chunk of createReadStream(path, { highWaterMark })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
