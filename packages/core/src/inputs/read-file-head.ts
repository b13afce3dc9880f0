import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export interface FileHead {
  stats: Stats;
  /** The first bytes of the file, up to the length asked for: all of a small file. */
  head: Uint8Array;
}

/**
 * A file's stats and its first `length` bytes (at most 64 KiB here), read synchronously, on
 * purpose. Reading that much from a local disk takes microseconds, while each asynchronous step
 * (open, stat, read, close) is a trip to the thread pool that must wait for the event loop: with
 * many edits in flight those trips line the edits up behind one another and delay every request
 * (bench row 3). Something that is not a regular file comes back with its stats and no bytes.
 * Errors (ENOENT, EACCES, …) reject the promise like the asynchronous calls would.
 */
export async function readFileHead(path: string, length: number): Promise<FileHead> {
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { stats, head: new Uint8Array(0) };
    const head = new Uint8Array(Math.min(length, stats.size));
    const bytesRead = readSync(fd, head, 0, head.byteLength, 0);
    return { stats, head: bytesRead < head.byteLength ? head.subarray(0, bytesRead) : head };
  } finally {
    closeSync(fd);
  }
}
