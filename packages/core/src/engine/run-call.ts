import { randomUUID } from 'node:crypto';
import type { EditCall, ProviderEditResult } from '../contract/edit-call.js';
import type { EditImageRequest } from '../contract/edit-request.js';
import type { Framing } from '../contract/framing.js';
import type { JobHandle } from '../contract/job-handle.js';
import type { ImageEditProvider, LongJobSteps } from '../contract/provider.js';
import { errorFromAbortSignal } from '../errors/abort-error.js';
import {
  isRetouchError,
  type JobCancellation,
  type RetouchError,
} from '../errors/retouch-error.js';
import { checkResultImages, withWholeImages } from './check-result-images.js';
import { followJob, reasonOf } from './follow-job.js';
import { abortedDuringStart, unconfirmedStartError } from './job-errors.js';
import type { ProgressSink } from './progress-sink.js';
import { type RetryOptions, withRetry } from './retry.js';
import {
  defaultMaxJobRetries,
  defaultMaxRetries,
  defaultRateLimitWaitMs,
  defaultTimeoutMs,
} from './run-defaults.js';

/** An EditCall without what the engine adds per attempt. */
export type CallFields = Omit<EditCall, 'signal' | 'onProgress'>;

/**
 * Runs one provider call to its result: `edit()` with retries, or, for a provider with long
 * jobs, a submit (resent only when that cannot start a second job) and then `followJob`.
 */
export async function runCall(context: {
  provider: ImageEditProvider;
  index: number;
  signal: AbortSignal;
  sink: ProgressSink;
  request: EditImageRequest;
  call: CallFields;
  onCancelled: (cancellation: JobCancellation) => void;
  /** How the answer goes back into the picture; a job's handle carries it for a later resume. */
  framing?: Framing;
}): Promise<ProviderEditResult> {
  const { provider, index, signal, sink, request } = context;
  const retry = {
    maxRetries: request.maxRetries ?? defaultMaxRetries,
    signal,
    attemptTimeoutMs: request.timeoutMs ?? defaultTimeoutMs,
    provider: provider.id,
    onRetry: ({ attempt, delayMs, error }: { attempt: number; delayMs: number; error: unknown }) =>
      sink.emit({ type: 'retrying', call: index, attempt, delayMs, reason: reasonOf(error) }),
    // A 429 does not fail the call while waiting it out fits in the run's time (unless the
    // caller asked for no retries at all).
    ...(request.maxRetries === 0 ? {} : { rateLimitBudgetMs: rateLimitBudget(request) }),
    onWaitTick: ({ remainingMs, error }: { remainingMs: number; error: unknown }) =>
      sink.emit({
        type: 'waiting',
        call: index,
        remainingMs,
        rateLimited: isRetouchError(error) && error.code === 'rate_limited',
      }),
  };
  const onProgress = sink.forCall(index);
  // One key per call, kept across its retries, so a server that dedupes by it does the work once;
  // stable across runs when the request says what to make it from.
  const idempotencyKey =
    request.idempotencyKey === undefined ? randomUUID() : `${request.idempotencyKey}-${index}`;
  const call = { ...context.call, idempotencyKey };
  const { jobs } = provider;
  if (!jobs) {
    return withRetry(async (_attempt, attemptSignal) => {
      sink.emit({ type: 'running', call: index });
      // assertProvider checked that a provider without jobs has edit().
      const result = await provider.edit!({ ...call, signal: attemptSignal, onProgress });
      return checkResultImages(result, provider.id);
    }, retry);
  }
  const started = await startJob(jobs, provider.id, call, onProgress, retry);
  const handle = context.framing ? { ...started, framing: context.framing } : started;
  sink.emit({ type: 'job-started', call: index, handle });
  return followJob({
    jobs: withWholeImages(jobs, provider.id),
    handle,
    call: index,
    provider: provider.id,
    signal,
    maxRetries: request.maxJobRetries ?? defaultMaxJobRetries,
    timeoutMs: retry.attemptTimeoutMs,
    emit: sink.emit,
    onCancelled: context.onCancelled,
  });
}

/**
 * Submits a job. A submit is not idempotent: one whose answer was lost after it may have reached
 * the server is resent only when the provider sends the call's idempotency key to a server that
 * dedupes by it; otherwise the edit stops and says that a job may exist.
 */
async function startJob(
  jobs: LongJobSteps,
  provider: string,
  call: CallFields & { idempotencyKey: string },
  onProgress: EditCall['onProgress'],
  retry: RetryOptions & { signal: AbortSignal },
): Promise<JobHandle> {
  const unconfirmed = (error: unknown): error is RetouchError =>
    isRetouchError(error) && error.retryable && error.delivery === 'unknown';
  // Whether an abort cut a submit off mid-request (rather than during a backoff wait).
  let cutOff = false;
  try {
    return await withRetry(
      async (_attempt, attemptSignal) => {
        try {
          return await jobs.start({ ...call, signal: attemptSignal, onProgress });
        } catch (error) {
          cutOff = retry.signal.aborted;
          throw error;
        }
      },
      {
        ...retry,
        isRetryable: (error) =>
          isRetouchError(error) &&
          error.retryable &&
          (jobs.idempotentStart === true || !unconfirmed(error)),
      },
    );
  } catch (error) {
    if (retry.signal.aborted) {
      const stopped = errorFromAbortSignal(retry.signal, provider);
      throw cutOff ? abortedDuringStart(stopped, provider) : stopped;
    }
    if (unconfirmed(error) && jobs.idempotentStart !== true) {
      throw unconfirmedStartError(error, provider);
    }
    throw error;
  }
}

/**
 * How long a call may spend waiting out 429s in all: most of the run's total time when one is set
 * (the rest is for the attempts themselves), else a few minutes.
 */
function rateLimitBudget(request: EditImageRequest): number {
  return request.totalTimeoutMs === undefined
    ? defaultRateLimitWaitMs
    : Math.floor(request.totalTimeoutMs * 0.9);
}
