import type { EachItem } from '@retouch/core';
import { findBatchResults, type OutputFileSystem, sweepStaleTemps } from '@retouch/output';

/**
 * What a batch does about an earlier run of it that was killed: removes the temporary files it
 * left in the folders this batch writes to, and finds the results it wrote before its journal
 * said so, by the record inside them (batch id and item key). Each folder is listed once per run.
 */
export function eachRecovery<Location>(options: {
  fs: OutputFileSystem<Location>;
  batch: string;
  /** Where an item's input is and where its results go. */
  itemOf: (key: string) => { image: Location; folder: Location } | undefined;
  /** Whether a writer process still runs; without it only age tells a stale temporary file. */
  isWriterAlive?: (pid: number) => boolean;
}) {
  const { fs } = options;
  const listings = new Map<string, Promise<string[]>>();
  const listing = (folder: Location) => {
    const key = fs.display(folder);
    let names = listings.get(key);
    if (!names) {
      names = fs.list(folder).catch(() => []);
      listings.set(key, names);
    }
    return names;
  };
  return {
    /** Before the batch starts: a dead writer's temporary files go (only ours; see sweepStaleTemps). */
    async sweep(folders: Iterable<Location>): Promise<void> {
      const seen = new Set<string>();
      for (const folder of folders) {
        if (seen.has(fs.display(folder))) continue;
        seen.add(fs.display(folder));
        await sweepStaleTemps(fs, folder, {
          ...(options.isWriterAlive ? { isWriterAlive: options.isWriterAlive } : {}),
        });
      }
    },
    async findDelivered(item: EachItem): Promise<string[]> {
      const entry = options.itemOf(item.key);
      if (!entry) return [];
      const found = await findBatchResults(
        fs,
        entry.folder,
        fs.baseName(entry.image),
        {
          batch: options.batch,
          item: item.key,
          ...(item.contentHash ? { sourceSha256: item.contentHash } : {}),
        },
        await listing(entry.folder),
      );
      return found.map((location) => fs.display(location));
    },
  };
}
