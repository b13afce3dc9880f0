import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { parseTempName } from './temp-name.js';

export interface SweepOptions {
  /**
   * Whether the process that wrote a temporary file still runs (on this machine): a dead
   * writer's file is removed at once. Without it, only age tells (`olderThanMs`).
   */
  isWriterAlive?: (pid: number) => boolean;
  /** A temporary file this old is stale whoever wrote it. Default one hour. */
  olderThanMs?: number;
  /** For tests. */
  now?: number;
}

/**
 * What Retouch writes through a temporary file: results, masks, markups, sidecars, journals, and
 * the output folder's write probe (a run killed between its write and delete leaves it).
 */
const oursPattern =
  /(?:\.(?:retouch|mask|markup)-\d+\.[a-z0-9]{1,5}(?:\.json)?|^\.retouch-batch-[0-9a-f]{16}\.json|^retouch-probe)$/i;

/**
 * Removes the temporary files a crashed or killed run left in `folder`, and only ours: a hidden
 * `.<result name>.<pid>-<hex>.tmp` whose writer is gone, or any of ours older than an hour (an
 * older version's, without a pid, or a writer whose pid was reused). Another process's write in
 * progress is never touched. Returns the names removed; failures are ignored (the next run tries
 * again).
 */
export async function sweepStaleTemps<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  options: SweepOptions = {},
): Promise<string[]> {
  const olderThanMs = options.olderThanMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now();
  const removed: string[] = [];
  for (const entry of await fs.list(folder).catch(() => [] as string[])) {
    const temp = parseTempName(entry);
    if (!temp || !oursPattern.test(temp.target)) continue;
    const location = fs.child(folder, entry);
    const writerGone =
      temp.pid !== undefined &&
      temp.pid !== process.pid &&
      options.isWriterAlive !== undefined &&
      !options.isWriterAlive(temp.pid);
    if (!writerGone) {
      const modified = await fs.modifiedAt?.(location).catch(() => undefined);
      if (modified === undefined || now - modified < olderThanMs) continue;
    }
    try {
      await fs.delete(location);
      removed.push(entry);
    } catch {
      // Gone already, or not ours to delete: either way nothing to do now.
    }
  }
  return removed;
}
