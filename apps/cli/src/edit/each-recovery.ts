import { basename, resolve } from 'node:path';
import type { EachItem } from '@retouch/core';
import { findBatchResults, sweepStaleTemps } from '@retouch/output';
import { nodeOutputFileSystem as fs, isProcessAlive } from '@retouch/output/node';

/**
 * What `edit --each` does about a run that was killed: removes the temporary files it left in the
 * folders this batch writes to, and finds the results it wrote before its journal said so, by the
 * record inside them (batch id and item key). Each folder is listed once per run.
 */
export function eachRecovery(options: {
  batch: string;
  journalFolder: string;
  folderOf: (image: string) => string;
}) {
  const listings = new Map<string, Promise<string[]>>();
  const listing = (folder: string) => {
    let names = listings.get(folder);
    if (!names) {
      names = fs.list(folder).catch(() => []);
      listings.set(folder, names);
    }
    return names;
  };
  return {
    /** Before the batch starts: a dead writer's temporary files go (only ours; see sweepStaleTemps). */
    async sweep(folders: Iterable<string>): Promise<void> {
      for (const folder of new Set(folders)) {
        await sweepStaleTemps(fs, folder, { isWriterAlive: isProcessAlive });
      }
    },
    async findDelivered(item: EachItem): Promise<string[]> {
      const image = resolve(options.journalFolder, item.key);
      const folder = options.folderOf(image);
      return findBatchResults(
        fs,
        folder,
        basename(image),
        {
          batch: options.batch,
          item: item.key,
          ...(item.contentHash ? { sourceSha256: item.contentHash } : {}),
        },
        await listing(folder),
      );
    },
  };
}
