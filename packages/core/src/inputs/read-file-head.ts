import { close, fstat, open, read, type Stats } from 'node:fs';

export interface FileHead {
  stats: Stats;
  /** The first bytes of the file, up to the length asked for: all of a small file. */
  head: Uint8Array;
}

/**
 * Reads a file's size and its first `length` bytes: two trips to the thread pool (open, then
 * stat and read together; the close is not waited for) instead of four in a row. Each trip
 * waits for the event loop, which many edits in flight keep busy, so fewer trips mean an edit
 * starts sooner. Something that is not a regular file comes back with its stats and no bytes.
 */
export function readFileHead(path: string, length: number): Promise<FileHead> {
  return new Promise((resolve, reject) => {
    open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      const buffer = new Uint8Array(length);
      let stats: Stats | undefined;
      let bytesRead = 0;
      let readError: NodeJS.ErrnoException | null = null;
      let pending = 2;
      const settle = () => {
        if (--pending > 0) return;
        close(fd, () => {});
        if (!stats) return reject(readError);
        if (!stats.isFile()) return resolve({ stats, head: new Uint8Array(0) });
        if (readError) return reject(readError);
        // A small file is kept whole, so it is not held in a mostly empty buffer.
        const head = bytesRead < length ? buffer.slice(0, bytesRead) : buffer;
        resolve({ stats, head });
      };
      fstat(fd, (error, result) => {
        if (error) readError = error;
        else stats = result;
        settle();
      });
      read(fd, buffer, 0, length, 0, (error, count) => {
        if (error) readError ??= error;
        else bytesRead = count;
        settle();
      });
    });
  });
}
