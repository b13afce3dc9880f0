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
 * and the job is paid for, so they come back sooner than a resent edit would.
 */
const readBackoff = { baseDelayMs: 250, maxDelayMs: 5_000 };

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
  if (error.retryable) return failures < maxRetries;
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
  try {
    for (;;) {
      try {
        for await (const status of jobs.watch(handle, { signal })) {
          failures = 0;
          emitStatus(status, options);
        }
        return;
      } catch (error) {
        if (signal.aborted || !mayReadAgain(error, failures, options.maxRetries)) throw error;
        failures += 1;
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
    throw await stopJob(options, signal.aborted ? errorFromAbortSignal(signal, provider) : error);
  } finally {
    clearTimeout(timer);
  }
}

async function readResult(options: FollowJobOptions): Promise<ProviderEditResult> {
  const { jobs, handle, call } = options;
  let failures = 0;
  try {
    return await withRetry((_attempt, signal) => jobs.result(handle, { signal }), {
      maxRetries: options.maxRetries,
      ...readBackoff,
      signal: options.signal,
      attemptTimeoutMs: options.timeoutMs,
      provider: options.provider,
      isRetryable: (error) => mayReadAgain(error, failures++, options.maxRetries),
      onRetry: ({ attempt, delayMs, error }) =>
        options.emit({ type: 'retrying', call, attempt, delayMs, reason: reasonOf(error) }),
    });
  } catch (error) {
    // Aborted while the result was read: the job is done, so the cancel reports it too late to
    // stop, and the app gets the handle to fetch the result anyway.
    if (!options.signal.aborted) throw error;
    throw await stopJob(options, errorFromAbortSignal(options.signal, options.provider));
  }
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
    message: `Job ${options.handle.id} on ${options.provider} did not complete within ${Number((options.timeoutMs / 1000).toFixed(1))} s (timeoutMs). Allow more time with a longer timeout.`,
  });
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
