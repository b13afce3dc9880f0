import type { ProviderEditResult } from '../contract/edit-call.js';
import type { JobHandle } from '../contract/job-handle.js';
import type { EditProgressEvent } from '../contract/progress.js';
import type { LongJobSteps } from '../contract/provider.js';
import { errorFromAbortSignal } from '../errors/abort-error.js';
import { RetouchError } from '../errors/retouch-error.js';
import { withRetry } from './retry.js';

export interface FollowJobOptions {
  jobs: LongJobSteps;
  handle: JobHandle;
  call: number;
  provider: string;
  /** The run's signal: user cancel or total timeout. Aborting it cancels the job on the server. */
  signal: AbortSignal;
  maxRetries: number;
  timeoutMs: number;
  emit: (event: EditProgressEvent) => void;
}

/** How long an abort waits for the server to confirm a cancel before giving up on it. */
const cancelWaitMs = 5_000;

/**
 * Watches a started job to completion and fetches its result. A dropped watch is retried on the
 * same handle (the job keeps running on the server); only an abort cancels the job.
 */
export async function followJob(options: FollowJobOptions): Promise<ProviderEditResult> {
  const { jobs, handle, call, emit } = options;
  try {
    return await withRetry(
      async (_attempt, signal) => {
        for await (const status of jobs.watch(handle, { signal })) {
          if (status.state === 'queued') emit({ type: 'queued', call, position: status.position });
          else if (status.state === 'running') emit({ type: 'running', call, logs: status.logs });
        }
        return await jobs.result(handle, { signal });
      },
      {
        maxRetries: options.maxRetries,
        signal: options.signal,
        attemptTimeoutMs: options.timeoutMs,
        provider: options.provider,
        onRetry: ({ attempt, delayMs, error }) =>
          emit({ type: 'retrying', call, attempt, delayMs, reason: reasonOf(error) }),
      },
    );
  } catch (error) {
    if (!options.signal.aborted) throw error;
    throw await cancelJob(options);
  }
}

async function cancelJob(options: FollowJobOptions): Promise<RetouchError> {
  const stopped = errorFromAbortSignal(options.signal, options.provider);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    options.jobs.cancel(options.handle).catch(() => 'unknown' as const),
    new Promise<'unknown'>((resolve) => {
      timer = setTimeout(() => resolve('unknown'), cancelWaitMs);
    }),
  ]).finally(() => clearTimeout(timer));
  if (outcome !== 'too-late') return stopped;
  return new RetouchError({
    code: stopped.code,
    provider: options.provider,
    retryable: stopped.retryable,
    message: `${stopped.message} The job had already started on ${options.provider} and could not be cancelled there, so it may still finish and be billed.`,
  });
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
