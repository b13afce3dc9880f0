import { parseRetryAfter, readHttpError } from '@retouch/core/http';
import type { JobStatus } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import type { QueueJob } from './job-handle.js';
import { createPollPlanner, type PollObservation, waitOrAbort } from './poll-schedule.js';
import type { QueueClient } from './queue-client.js';
import { parseQueueErrorBody } from './queue-errors.js';
import { parseQueueStatus } from './queue-status.js';
import { statusPollUrl } from './queue-urls.js';
import { expectedRunTime, recordRunTime, reportedRunTime } from './run-times.js';

/**
 * Polls the status URL until the job completes, when the poll planner says (it learns from each
 * completed job how long the model runs). A failed read (429, 5xx, a dropped connection, a
 * garbled body) ends the watch with its RetouchError; the engine watches again after its backoff,
 * honouring `Retry-After`.
 */
export async function* pollStatus(
  client: QueueClient,
  job: QueueJob,
  signal: AbortSignal,
  submittedAt: number = Date.now(),
): AsyncGenerator<JobStatus, void> {
  const { provider, config } = client;
  const url = statusPollUrl(job.statusUrl, config.logs);
  const context = { provider, job, secrets: client.secrets };
  const planner = createPollPlanner(config.poll, {
    expectedRunMs: expectedRunTime(job.model),
    submittedAgoMs: Date.now() - submittedAt,
  });
  let last: PollObservation | undefined;
  for (;;) {
    await waitOrAbort(planner.next(last), signal, provider);
    const answer = await readStatus(client, job, url, signal);
    const status = parseQueueStatus(answer.json, context);
    last = {
      status,
      ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }),
    };
    if (status.state === 'completed') {
      planner.next(last);
      const ran = reportedRunTime(answer.json) ?? planner.observedRunMs();
      if (ran !== undefined) recordRunTime(job.model, ran);
    }
    yield status;
    if (status.state === 'completed') return;
  }
}

async function readStatus(
  client: QueueClient,
  job: QueueJob,
  url: string,
  signal: AbortSignal,
): Promise<{ json: unknown; retryAfterMs: number | undefined }> {
  const response = await client.request({ method: 'GET', url, signal });
  if (response.status === 404) {
    await response.body.cancel().catch(() => undefined);
    throw vanishedJobError(client.provider, job);
  }
  if (!response.ok) {
    throw await readHttpError(response, {
      provider: client.provider,
      parseBody: parseQueueErrorBody,
      secrets: client.secrets,
    });
  }
  // A status document carries no image: capped at responseLimits.documentBytes.
  return {
    json: await response.json({ images: 0 }),
    retryAfterMs: parseRetryAfter(response.headers),
  };
}

export function vanishedJobError(provider: string, job: QueueJob): RetouchError {
  return new RetouchError({
    code: 'not_found',
    provider,
    status: 404,
    requestId: job.requestId,
    retryable: false,
    message: `The queue job ${job.requestId} no longer exists on the server: it expired, was deleted, or the server lost it. Start the edit again.`,
  });
}
