import type { ProviderEditResult } from '../contract/edit-call.js';
import type { JobHandle } from '../contract/job-handle.js';
import type { EditProgressEvent } from '../contract/progress.js';
import type { JobStatus, LongJobSteps } from '../contract/provider.js';
import { errorFromAbortSignal } from '../errors/abort-error.js';
import { isRetouchError, type JobCancellation, RetouchError } from '../errors/retouch-error.js';
import { cancellationOf } from './job-errors.js';
import { retryDelay, waitBeforeRetry, withRetry } from './retry.js';

export interface FollowJobOptions {
  jobs: LongJobSteps;
  handle: JobHandle;
  call: number;
  provider: string;
  /** The run's signal: user cancel or total timeout. Aborting it cancels the job on the server. */
  signal: AbortSignal;
  /** Retries after a failed status check (per streak of failures) or result read. */
  maxRetries: number;
  /** How long the job may take to complete once followed; also the limit per result read. */
  timeoutMs: number;
  emit: (event: EditProgressEvent) => void;
  /** Told what the cancel request did, when the engine stops a job that may still run. */
  onCancelled: (cancellation: JobCancellation) => void;
}

/** How long an abort waits for the server to confirm a cancel before giving up on it. */
const cancelWaitMs = 5_000;
/**
 * Backoff between reads of a job that is already running. Reads change nothing on the server,
 * and the job is paid for, so they start soon; through an outage they space out to half a minute,
 * and go on for as long as the job may run (`timeoutMs`), however many that takes.
 */
const readBackoff = { baseDelayMs: 250, maxDelayMs: 30_000 };

/**
 * Follows a started job to completion and fetches its result. This is the only watch loop: a
 * watch that fails transiently is started again on the same handle, after a backoff that honours
 * `Retry-After`, for as long as failures do not pile up. The engine stops following a job that may
 * still run only by cancelling it: on abort, when the job outlives `timeoutMs`, or when its status
 * cannot be read any more.
 */
export async function followJob(options: FollowJobOptions): Promise<ProviderEditResult> {
  await watchUntilCompleted(options);
  return readResult(options);
}

/**
 * Whether a failed read of a job is worth repeating after `failures` failures in a row: a
 * transient failure while retries last; a garbled answer (reading changes nothing) at most twice,
 * since one that stays garbled is the server's way of answering, not a glitch on the line.
 */
export function mayReadAgain(error: unknown, failures: number, maxRetries: number): boolean {
  if (!isRetouchError(error)) return false;
  // The server unreachable, overloaded or failing: the job may still run there, so it is
  // followed on for as long as it may run (the deadline ends it), not given up after a few tries.
  // A caller that asked for no retries at all (one look, as a start-up check does) still gets one.
  if (error.retryable) return maxRetries > 0;
  return error.code === 'invalid_response' && failures < Math.min(garbledRereads, maxRetries);
}

const garbledRereads = 2;

/** Failures that leave the job running on the server (as opposed to its verdict). */
function leavesJobRunning(error: unknown): boolean {
  return isRetouchError(error) && (error.retryable || error.code === 'invalid_response');
}

async function watchUntilCompleted(options: FollowJobOptions): Promise<void> {
  const { jobs, handle, provider } = options;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(outlivedError(options)), options.timeoutMs);
  const signal = AbortSignal.any([options.signal, deadline.signal]);
  let failures = 0;
  let lastFailure: unknown;
  try {
    for (;;) {
      try {
        for await (const status of jobs.watch(handle, { signal })) {
          failures = 0;
          lastFailure = undefined;
          emitStatus(status, options);
        }
        return;
      } catch (error) {
        if (signal.aborted || !mayReadAgain(error, failures, options.maxRetries)) throw error;
        failures += 1;
        lastFailure = error;
        const delayMs = retryDelay(failures, error, {
          maxRetries: options.maxRetries,
          ...readBackoff,
        });
        options.emit({
          type: 'retrying',
          call: options.call,
          attempt: failures + 1,
          delayMs,
          reason: reasonOf(error),
        });
        await waitBeforeRetry(delayMs, signal, provider);
      }
    }
  } catch (error) {
    // A job verdict (failed, vanished, cancelled elsewhere) or a refused key: nothing runs on.
    if (!signal.aborted && !leavesJobRunning(error)) throw error;
    // Time ran out while the server could not be reached: the job may still finish there, and a
    // cancel would not get through either. Keep its handle, so Retry or a rerun follows it.
    if (deadline.signal.aborted && !options.signal.aborted && isTransient(lastFailure)) {
      throw keptFollowing(lastFailure, options, 'unknown');
    }
    throw await stopJob(options, signal.aborted ? errorFromAbortSignal(signal, provider) : error);
  } finally {
    clearTimeout(timer);
  }
}

async function readResult(options: FollowJobOptions): Promise<ProviderEditResult> {
  const { jobs, handle, call } = options;
  let failures = 0;
  // The job is done and paid for: its result is read again through an outage for as long again
  // as the job was allowed to run.
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, deadline]);
  let lastFailure: unknown;
  try {
    return await withRetry(
      (_attempt, attemptSignal) => jobs.result(handle, { signal: attemptSignal }),
      {
        maxRetries: Number.MAX_SAFE_INTEGER,
        ...readBackoff,
        signal,
        attemptTimeoutMs: options.timeoutMs,
        provider: options.provider,
        isRetryable: (error) => {
          lastFailure = error;
          return mayReadAgain(error, failures++, options.maxRetries);
        },
        onRetry: ({ attempt, delayMs, error }) =>
          options.emit({ type: 'retrying', call, attempt, delayMs, reason: reasonOf(error) }),
      },
    );
  } catch (error) {
    if (deadline.aborted && !options.signal.aborted) {
      throw keptFollowing(lastFailure ?? error, options, 'too-late');
    }
    // Aborted while the result was read: the job is done, so the cancel reports it too late to
    // stop, and the app gets the handle to fetch the result anyway.
    if (!options.signal.aborted) throw error;
    throw await stopJob(options, errorFromAbortSignal(options.signal, options.provider));
  }
}

const isTransient = (error: unknown) => isRetouchError(error) && error.retryable;

/**
 * The edit ends, but the job is not given up: its handle goes with the error (as after a reload),
 * so Retry or running the same command again follows the same job instead of paying for another.
 */
function keptFollowing(
  failure: unknown,
  options: FollowJobOptions,
  outcome: 'unknown' | 'too-late',
): RetouchError {
  const cause = isRetouchError(failure) ? failure : undefined;
  const done = outcome === 'too-late';
  return new RetouchError({
    code: cause?.code ?? 'network',
    provider: options.provider,
    retryable: false,
    ...(cause?.status === undefined ? {} : { status: cause.status }),
    requestId: options.handle.id,
    message: `${options.provider} could not be reached for ${Math.round(options.timeoutMs / 1000)} s while ${done ? 'the finished job waited to be fetched' : 'the job ran'}${cause ? ` (${cause.message})` : ''}. The job was not cancelled ${done ? 'and its result is kept there' : 'and may still finish'}: try again to pick it up without paying twice.`,
    cancellations: [{ outcome, handle: options.handle }],
    cause: failure,
  });
}

function emitStatus(status: JobStatus, options: FollowJobOptions): void {
  if (status.state === 'queued') {
    options.emit({ type: 'queued', call: options.call, position: status.position });
  } else if (status.state === 'running') {
    options.emit({ type: 'running', call: options.call, logs: status.logs });
  }
}

/** Asks the server to cancel, reports what came of it, and returns the error to end with. */
async function stopJob(options: FollowJobOptions, stopped: unknown): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    options.jobs.cancel(options.handle).catch(() => 'unknown' as const),
    new Promise<'unknown'>((resolve) => {
      timer = setTimeout(() => resolve('unknown'), cancelWaitMs);
    }),
  ]).finally(() => clearTimeout(timer));
  options.onCancelled(cancellationOf(outcome, options.handle));
  return stopped;
}

function outlivedError(options: FollowJobOptions): RetouchError {
  return new RetouchError({
    code: 'timeout',
    provider: options.provider,
    requestId: options.handle.id,
    retryable: false,
    message: `The job on ${options.provider} did not complete within ${Number((options.timeoutMs / 1000).toFixed(1))} s (timeoutMs). Allow more time with a longer timeout.`,
  });
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
