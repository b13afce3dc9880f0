import type { JobStatus } from '@retouch/core';
import { isRetouchError, RetouchError, withRetry } from '@retouch/core';
import { readHttpError } from '@retouch/core/http';
import type { QueueJob } from './job-handle.js';
import { pollDelays, waitOrAbort } from './poll-schedule.js';
import type { QueueClient } from './queue-client.js';
import { parseQueueErrorBody } from './queue-errors.js';
import { parseQueueStatus } from './queue-status.js';
import { statusPollUrl } from './queue-urls.js';

/**
 * Polls the status URL on the `pollDelays` schedule until the job completes. A status read
 * changes nothing on the server, so transient failures (429, 5xx, dropped connections, a
 * garbled body) are retried harder than a submit would be, honouring `Retry-After`.
 */
export async function* pollStatus(
  client: QueueClient,
  job: QueueJob,
  signal: AbortSignal,
): AsyncGenerator<JobStatus, void> {
  const { provider, config } = client;
  const url = statusPollUrl(job.statusUrl, config.logs);
  const context = { provider, job, secrets: client.secrets };
  const delays = pollDelays(config.poll);
  for (;;) {
    await waitOrAbort(delays.next().value, signal, provider);
    const json = await withRetry(
      (_attempt, attemptSignal) => readStatus(client, job, url, attemptSignal),
      {
        maxRetries: config.statusRetries,
        baseDelayMs: 250,
        maxDelayMs: 5_000,
        signal,
        provider,
        isRetryable: (error) =>
          isRetouchError(error) && (error.retryable || error.code === 'invalid_response'),
      },
    );
    const status = parseQueueStatus(json, context);
    yield status;
    if (status.state === 'completed') return;
  }
}

async function readStatus(
  client: QueueClient,
  job: QueueJob,
  url: string,
  signal: AbortSignal,
): Promise<unknown> {
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
  return response.json({ images: 0 });
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
