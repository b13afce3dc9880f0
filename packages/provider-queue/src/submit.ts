import { readHttpError } from '@retouch/core/http';
import {
  type EditCall,
  isRetouchError,
  RetouchError,
  retouchErrorWith,
} from '@retouch/core/provider';
import { buildSubmitBody, type FieldMapping } from './field-mapping.js';
import { toImageReference } from './image-reference.js';
import type { QueueJob } from './job-handle.js';
import type { QueueClient } from './queue-client.js';
import { parseQueueErrorBody } from './queue-errors.js';
import { submitUrl, templateUrls } from './queue-urls.js';

/**
 * `POST {baseURL}/{model}`: queues the edit and returns the job with the URLs the server gave
 * for it. Reports the initial queue position as progress.
 */
export async function submitJob(
  client: QueueClient,
  call: EditCall,
  mapping: FieldMapping,
): Promise<QueueJob> {
  const { config, provider } = client;
  const images = await Promise.all(
    call.images.map((file) => toImageReference(file, config, call.signal)),
  );
  const mask = call.mask ? await toImageReference(call.mask, config, call.signal) : undefined;
  const body = buildSubmitBody(call, { images, ...(mask === undefined ? {} : { mask }) }, mapping);

  // Queued from the user's point of view as soon as the request leaves: with large inline
  // images the submit itself can take a while, and the user should see (and be able to cancel) it.
  call.onProgress({ type: 'queued' });
  const idempotent = config.idempotencyHeader !== null && call.idempotencyKey !== undefined;
  const response = await client.request({
    method: 'POST',
    url: submitUrl(config, call.model),
    json: body,
    signal: call.signal,
    ...(idempotent ? { headers: { [config.idempotencyHeader!]: call.idempotencyKey! } } : {}),
  });
  if (!response.ok) {
    throw await readHttpError(response, {
      provider,
      parseBody: parseQueueErrorBody,
      secrets: client.secrets,
    });
  }
  // fal names the job in `x-fal-request-id`; other servers' request ids are the next best thing.
  const headerJobId = response.headers.get('x-fal-request-id') ?? response.requestId;
  // A submit answer is a document without images: capped at responseLimits.documentBytes.
  const json = await response.json({ images: 0 }).catch((error: unknown) => {
    // The job exists, but its answer was cut: say which job, so the user can find it.
    if (!isRetouchError(error) || headerJobId === undefined) throw error;
    throw retouchErrorWith(error, { requestId: error.requestId ?? headerJobId });
  });
  const job = {
    ...readSubmitResponse(json, client, call.model, headerJobId),
    images: call.n,
  };
  const position = (json as { queue_position?: unknown }).queue_position;
  call.onProgress({
    type: 'queued',
    ...(typeof position === 'number' && position >= 0 ? { position } : {}),
  });
  return job;
}

function readSubmitResponse(
  json: unknown,
  client: QueueClient,
  model: string,
  headerRequestId: string | undefined,
): QueueJob {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const requestId =
    typeof body.request_id === 'string' && body.request_id !== ''
      ? body.request_id
      : headerRequestId;
  if (!requestId) {
    throw new RetouchError({
      code: 'invalid_response',
      provider: client.provider,
      retryable: false,
      message: `The queue server accepted the job but returned no request_id, so it cannot be followed. Check that ${client.config.baseURL} is a fal-style queue API.`,
    });
  }
  const given = (key: string): string | undefined =>
    typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined;
  // Templates are only a fallback: fal's status URLs drop an endpoint's sub-path, so URLs
  // built from the model id would be wrong exactly where the server knows better.
  const templated = templateUrls(client.config, model, requestId);
  const job: QueueJob = {
    model,
    requestId,
    statusUrl: given('status_url') ?? templated.statusUrl,
    responseUrl: given('response_url') ?? templated.responseUrl,
    cancelUrl: given('cancel_url') ?? templated.cancelUrl,
  };
  client.checkTrusted(job.statusUrl, 'status URL');
  client.checkTrusted(job.responseUrl, 'response URL');
  client.checkTrusted(job.cancelUrl, 'cancel URL');
  return job;
}
