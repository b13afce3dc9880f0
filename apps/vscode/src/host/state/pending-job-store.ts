import type { JobHandle } from '@retouch/core';
import type { CandidatesSink } from '@retouch/session';
import type { HistoryFile, HistoryMarkupFile, RecordedOptions } from './history-entry.js';
import type { MementoLike } from './memento-like.js';

/**
 * A queue job that was submitted but whose result is not written yet, with what is needed to
 * finish the edit in a later window: where to write, and what to record.
 */
export interface PendingJob {
  handle: JobHandle;
  editId: string;
  prompt: string;
  provider: string;
  model: string;
  options: RecordedOptions;
  sources: HistoryFile[];
  mask?: HistoryFile;
  markup?: HistoryMarkupFile;
  /** Folder URI the result goes to, and the source name it is named after. */
  outputFolder: string;
  sourceName: string;
  createdAt: string;
  /** Set when the results are candidates for the Studio: where they go, as run-edit chose. */
  studio?: CandidatesSink<string>;
}

const pendingKey = 'retouch.pendingJobs';

function keyOf(handle: JobHandle): string {
  return `${handle.provider}\u0000${handle.id}`;
}

/** Job handles in workspace state, so a window reload does not lose a paid-for job. */
export class PendingJobStore {
  constructor(private readonly memento: MementoLike) {}

  list(): PendingJob[] {
    return this.memento.get<PendingJob[]>(pendingKey) ?? [];
  }

  async add(job: PendingJob): Promise<void> {
    // JSON round trip: a handle that does not survive it could not be resumed anyway.
    const stored = JSON.parse(JSON.stringify(job)) as PendingJob;
    const others = this.list().filter((old) => keyOf(old.handle) !== keyOf(job.handle));
    await this.memento.update(pendingKey, [...others, stored]);
  }

  async remove(handle: JobHandle): Promise<void> {
    const kept = this.list().filter((job) => keyOf(job.handle) !== keyOf(handle));
    await this.memento.update(pendingKey, kept);
  }

  /** Forgets an edit's jobs, except those still to be followed (a cancel that came too late). */
  async removeEdit(editId: string, except: readonly JobHandle[] = []): Promise<void> {
    const kept = new Set(except.map(keyOf));
    await this.memento.update(
      pendingKey,
      this.list().filter((job) => job.editId !== editId || kept.has(keyOf(job.handle))),
    );
  }
}
