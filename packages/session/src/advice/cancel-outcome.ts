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

/**
 * Reads a `cancelled` error into an outcome: the one place that knows how core reports it. Core
 * gives each cancelled job's outcome (`RetouchError.cancellations`, with the handle of a job that
 * may still finish); a plain request has none, and once sent only the provider knows.
 */
export function cancelOutcomeOf(
  error: unknown,
  edit: { sent: boolean },
): EditCancelOutcome | undefined {
  if (!isRetouchError(error) || error.code !== 'cancelled') return undefined;
  const { cancellations } = error;
  const sent = edit.sent || cancellations.length > 0;
  if (cancellations.length === 0) {
    return { outcome: sent ? 'unknown' : 'cancelled', stillRunning: [], sent };
  }
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
