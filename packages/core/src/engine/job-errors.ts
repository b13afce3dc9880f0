import type { JobHandle } from '../contract/job-handle.js';
import type { CancelOutcome } from '../contract/provider.js';
import {
  isRetouchError,
  type JobCancellation,
  RetouchError,
  retouchErrorWith,
} from '../errors/retouch-error.js';

/**
 * The error an edit ends with, plus what its cancel requests did to the jobs it had started:
 * one sentence per outcome, and the outcomes (with the handles of jobs that may still finish)
 * as data, so an app can keep following those jobs.
 */
export function withCancellations(
  error: unknown,
  cancellations: readonly JobCancellation[],
  provider: string,
): unknown {
  if (!isRetouchError(error) || cancellations.length === 0) return error;
  const sentences = (['too-late', 'unknown', 'cancelled'] as const)
    .map((outcome) => describeOutcome(outcome, cancellations, provider))
    .filter((sentence) => sentence !== undefined);
  return retouchErrorWith(error, {
    message: `${error.message} ${sentences.join(' ')}`,
    cancellations: [...error.cancellations, ...cancellations],
  });
}

function describeOutcome(
  outcome: CancelOutcome,
  cancellations: readonly JobCancellation[],
  provider: string,
): string | undefined {
  const jobs = cancellations.filter((entry) => entry.outcome === outcome);
  if (jobs.length === 0) return undefined;
  const one = jobs.length === 1;
  // No ids: messages are for people (the handles, in `cancellations`, and the log keep them).
  const named = one ? 'the job' : `${jobs.length} jobs`;
  switch (outcome) {
    case 'cancelled':
      return `${provider} cancelled the ${one ? 'job' : `${jobs.length} jobs`}, so ${one ? 'it does' : 'they do'} not run.`;
    case 'too-late':
      return `${capitalize(named)} on ${provider} had already started and could not be cancelled, so ${one ? 'it' : 'they'} may still finish and be billed.`;
    case 'unknown':
      return `${provider} did not confirm that ${named} ${one ? 'was' : 'were'} cancelled, so ${one ? 'it' : 'they'} may still run and be billed.`;
  }
}

/**
 * A submit that failed after it may have reached the server, for a provider that cannot resend
 * it safely: sending it again could start (and bill) a second job, so the edit stops and says a
 * job may exist, with the server's id for it when the answer got that far.
 */
export function unconfirmedStartError(error: RetouchError, provider: string): RetouchError {
  const what =
    error.code === 'timeout'
      ? `${provider} did not answer the submit in time, and may have received it`
      : `The connection to ${provider} dropped after the submit was sent, so ${provider} may have received it`;
  return new RetouchError({
    code: error.code,
    provider,
    retryable: false,
    delivery: 'unknown',
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    message: `${what}: a job may exist there and may run and be billed. Retouch did not submit again, so as not to start a second job; check your jobs on ${provider} before you retry. A server that accepts idempotency keys lets Retouch resend safely.`,
    cause: error,
  });
}

/** An abort while a submit was on its way: the server may have received it anyway. */
export function abortedDuringStart(error: RetouchError, provider: string): RetouchError {
  return retouchErrorWith(error, {
    delivery: 'unknown',
    message: `${error.message} The submit was already on its way to ${provider}, so a job may exist there and may run and be billed.`,
  });
}

export function cancellationOf(outcome: CancelOutcome, handle: JobHandle): JobCancellation {
  return outcome === 'cancelled' ? { outcome } : { outcome, handle };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
