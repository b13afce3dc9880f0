import type { EachItem } from '@retouch/core';
import {
  findBatchResults,
  type OutputFileSystem,
  outputStem,
  parseResultName,
  sweepStaleTemps,
} from '@retouch/output';

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
  // Each folder's results by the stem they are named after, so finding one item's results
  // reads only its own names (not the whole folder per item: quadratic in a batch of thousands).
  const listings = new Map<string, Promise<Map<string, string[]>>>();
  const listing = (folder: Location) => {
    const key = fs.display(folder);
    let byStem = listings.get(key);
    if (!byStem) {
      byStem = fs
        .list(folder)
        .catch(() => [])
        .then((names) => {
          const groups = new Map<string, string[]>();
          for (const name of names) {
            const stem = parseResultName(name)?.stem;
            if (stem === undefined) continue;
            const group = groups.get(stem);
            if (group) group.push(name);
            else groups.set(stem, [name]);
          }
          return groups;
        });
      listings.set(key, byStem);
    }
    return byStem;
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
        (await listing(entry.folder)).get(outputStem(fs.baseName(entry.image))) ?? [],
      );
      return found.map((location) => fs.display(location));
    },
  };
}
