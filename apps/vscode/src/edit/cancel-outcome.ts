import { isRetouchError, type JobHandle } from '@retouch/core';

/**
 * What a cancel did to an edit. `cancelled`: nothing runs on (the job left the queue, or nothing
 * had been sent). `too-late`: it had started and may still finish and be billed. `unknown`: the
 * provider did not confirm either way.
 */
export interface EditCancelOutcome {
  outcome: 'cancelled' | 'too-late' | 'unknown';
  /** Jobs that may still finish: Retouch keeps following them and saves their results. */
  stillRunning: JobHandle[];
  /** Whether anything had reached the provider. */
  sent: boolean;
}

/** The per-job outcomes core attaches to a `cancelled` error (`RetouchError.cancellations`). */
interface JobCancellationLike {
  outcome: 'cancelled' | 'too-late' | 'unknown';
  handle?: JobHandle;
}

function cancellationsOf(error: unknown): readonly JobCancellationLike[] | undefined {
  const value = (error as { cancellations?: unknown }).cancellations;
  return Array.isArray(value) && value.length > 0 ? (value as JobCancellationLike[]) : undefined;
}

/**
 * Reads a `cancelled` error into an outcome: the one place that knows how core reports it. Core
 * gives each cancelled job's outcome (and its handle when it may still finish); a version of core
 * without that says "could not be cancelled" in the message, and the jobs this edit started are
 * the ones that run on.
 */
export function cancelOutcomeOf(
  error: unknown,
  edit: { sent: boolean; startedJobs: readonly JobHandle[] },
): EditCancelOutcome | undefined {
  if (!isRetouchError(error) || error.code !== 'cancelled') return undefined;
  const sent = edit.sent || edit.startedJobs.length > 0;
  const cancellations = cancellationsOf(error);
  if (cancellations) {
    const outcomes = cancellations.map((c) => c.outcome);
    const outcome = outcomes.includes('too-late')
      ? 'too-late'
      : outcomes.includes('unknown')
        ? 'unknown'
        : 'cancelled';
    const stillRunning = cancellations
      .filter((c) => c.outcome !== 'cancelled')
      .flatMap((c) => (c.handle ? [c.handle] : []));
    return { outcome, stillRunning, sent };
  }
  if (/could not be cancelled/i.test(error.message)) {
    return { outcome: 'too-late', stillRunning: [...edit.startedJobs], sent };
  }
  if (edit.startedJobs.length > 0) return { outcome: 'cancelled', stillRunning: [], sent };
  // A plain request: once sent, only the provider knows whether it still runs.
  return { outcome: sent ? 'unknown' : 'cancelled', stillRunning: [], sent };
}

/** The notification text for an outcome; `provider` is the display name. */
export function describeCancelOutcome(result: EditCancelOutcome, provider: string): string {
  const jobs = result.stillRunning.length;
  const job = jobs > 1 ? `${jobs} jobs` : 'the job';
  switch (result.outcome) {
    case 'cancelled':
      return result.sent
        ? `Retouch: edit cancelled. ${provider} stopped ${job === 'the job' ? 'it' : job} before it ran.`
        : 'Retouch: edit cancelled before anything was sent.';
    case 'too-late':
      return `Retouch: too late to cancel. ${capitalised(job)} had already started on ${provider}, so it may still finish and be billed. Retouch will save the result when it does.`;
    case 'unknown':
      return jobs > 0
        ? `Retouch: ${provider} did not confirm the cancel, so ${job} may still finish and be billed. Retouch will save the result if it does.`
        : `Retouch: edit stopped. The request had already reached ${provider}, so it may still finish and be billed; its result can no longer be received.`;
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
