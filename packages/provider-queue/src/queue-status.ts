import type { JobStatus } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import type { QueueJob } from './job-handle.js';
import { jobFailedError, parseQueueErrorBody } from './queue-errors.js';

const queuedStates = new Set(['IN_QUEUE', 'QUEUED', 'PENDING', 'SUBMITTED']);
const runningStates = new Set(['IN_PROGRESS', 'RUNNING', 'PROCESSING', 'STARTED']);
const completedStates = new Set(['COMPLETED', 'SUCCEEDED', 'SUCCESS', 'DONE', 'OK']);
const failedStates = new Set(['FAILED', 'ERROR', 'FAILURE']);
const cancelledStates = new Set(['CANCELLED', 'CANCELED', 'CANCELLATION_REQUESTED']);

export interface StatusContext {
  provider: string;
  job: QueueJob;
  secrets: readonly string[];
}

/**
 * One status document (a poll answer or one server-sent event) as a JobStatus. A job that
 * finished with an error, or was cancelled elsewhere, throws. Logs are returned in full; the
 * watcher reports only the lines it has not reported yet.
 */
export function parseQueueStatus(json: unknown, context: StatusContext): JobStatus {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const state = typeof body.status === 'string' ? body.status.toUpperCase() : '';
  const logs = readLogs(body.logs);
  if (queuedStates.has(state)) {
    const position = body.queue_position;
    return {
      state: 'queued',
      ...(typeof position === 'number' && position >= 0 ? { position } : {}),
    };
  }
  if (runningStates.has(state)) return { state: 'running', ...(logs.length ? { logs } : {}) };
  const hasError = body.error !== undefined && body.error !== null && body.error !== '';
  if (failedStates.has(state) || (completedStates.has(state) && hasError)) {
    throw jobFailedError({
      provider: context.provider,
      requestId: context.job.requestId,
      detail: parseQueueErrorBody(body) ?? parseQueueErrorBody({ error: body.error }),
      secrets: context.secrets,
    });
  }
  if (completedStates.has(state)) return { state: 'completed' };
  if (cancelledStates.has(state)) {
    throw new RetouchError({
      code: 'cancelled',
      provider: context.provider,
      requestId: context.job.requestId,
      retryable: false,
      message: `The queue job ${context.job.requestId} was cancelled on the server. Start the edit again if you still want it.`,
    });
  }
  throw new RetouchError({
    code: 'invalid_response',
    provider: context.provider,
    requestId: context.job.requestId,
    retryable: false,
    message: `The queue server reported status ${state ? `"${state.slice(0, 40)}"` : 'nothing'} for job ${context.job.requestId}; expected IN_QUEUE, IN_PROGRESS or COMPLETED. Check that the base URL points at a fal-style queue API.`,
  });
}

function readLogs(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) =>
      typeof entry === 'string'
        ? entry
        : typeof entry === 'object' && entry !== null && typeof entry.message === 'string'
          ? (entry.message as string)
          : undefined,
    )
    .filter((line): line is string => line !== undefined);
}
