import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { outputStem, parseResultName } from '../naming/output-names.js';
import { readOutputRecord } from '../read/read-output-record.js';

export interface BatchItemQuery {
  /** The batch's id (`batchId()` of its identity). */
  batch: string;
  /** The item's key in the journal. */
  item: string;
  /** The input's sha256 now: a result made from different content does not count. */
  sourceSha256?: string;
}

/**
 * The results in `folder` whose own record says they are this item of this batch: what a run
 * that crashed after writing them (and before its journal said so) left done. Only results named
 * after `sourceName` are opened; `names` (the folder's listing, read once for a whole batch)
 * saves listing the folder per item. Unreadable files count as not found.
 */
export async function findBatchResults<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  sourceName: string,
  query: BatchItemQuery,
  names?: readonly string[],
): Promise<Location[]> {
  const stem = outputStem(sourceName);
  const candidates = (names ?? (await fs.list(folder).catch(() => [])))
    .map((name) => ({ name, parsed: parseResultName(name) }))
    .filter(({ parsed }) => parsed?.stem === stem)
    .sort((a, b) => a.parsed!.n - b.parsed!.n);
  const found: Location[] = [];
  for (const { name } of candidates) {
    const location = fs.child(folder, name);
    const record = (await readOutputRecord(fs, location).catch(() => undefined))?.record;
    if (record?.batch?.id !== query.batch || record.batch.item !== query.item) continue;
    const source = record.sources[0]?.sha256;
    if (query.sourceSha256 && source && source !== query.sourceSha256) continue;
    found.push(location);
  }
  return found;
}
