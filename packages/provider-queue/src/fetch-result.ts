import { fetchRequestedImages, guardedDownload, readHttpError } from '@retouch/core/http';
import type { ProviderEditResult, ProviderImage } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import type { QueueJob } from './job-handle.js';
import { vanishedJobError } from './poll-status.js';
import type { QueueClient } from './queue-client.js';
import { jobFailedError, parseQueueErrorBody } from './queue-errors.js';
import { findResultImages, type ResultImageSource } from './result-images.js';

/** Settings a result may echo back; kept so the engine can warn where the server overrode one. */
const echoedKeys = ['size', 'quality', 'background', 'output_format', 'output_compression'];
/** Details worth keeping for the user, under providerMetadata. */
const metadataKeys = ['seed', 'has_nsfw_concepts', 'timings', 'description', 'prompt'];

/**
 * Images a result may hold when the job does not say how many were asked for (a handle stored by
 * an older version): the most any known queue model returns per call.
 */
const fallbackResultImages = 10;

/**
 * `GET response_url` once the job completed (read with a cap sized for the images asked for),
 * then the first `n` images in it, in order, through the guarded download: http(s) or data: only,
 * capped in size, the type checked against the bytes, and the key sent only to the base URL's
 * origin (never to a CDN the result points at). Extra images are dropped with a warning. Failures
 * are not retried here: the engine retries the whole step, so attempts never multiply.
 */
export async function fetchResult(
  client: QueueClient,
  job: QueueJob,
  signal: AbortSignal,
): Promise<ProviderEditResult> {
  const wanted = job.images ?? fallbackResultImages;
  const json = await readResult(client, job, wanted, signal);
  const sources = findResultImages(json);
  if (sources.length === 0) {
    const detail = parseQueueErrorBody(json);
    if (detail) {
      throw jobFailedError({
        provider: client.provider,
        requestId: job.requestId,
        detail,
        secrets: client.secrets,
      });
    }
    throw new RetouchError({
      code: 'invalid_response',
      provider: client.provider,
      requestId: job.requestId,
      retryable: false,
      message: `The queue job ${job.requestId} completed but its result holds no images (looked for images[].url, image.url and data[].b64_json|url). Check that the model is an image-edit endpoint.`,
    });
  }
  const { images, warning } = await fetchRequestedImages(sources, {
    provider: client.provider,
    wanted,
    signal,
    fetch: (source, downloadSignal) => download(client, source, downloadSignal),
  });
  const body = json as Record<string, unknown>;
  return {
    images,
    requestId: job.requestId,
    echoed: pick(body, echoedKeys),
    providerMetadata: { requestId: job.requestId, ...pick(body, metadataKeys) },
    ...(warning ? { warnings: [warning] } : {}),
  };
}

async function readResult(
  client: QueueClient,
  job: QueueJob,
  wanted: number,
  signal: AbortSignal,
): Promise<unknown> {
  const response = await client.request({ method: 'GET', url: job.responseUrl, signal });
  // The result may carry its images inline as base64 (or data URIs).
  if (response.ok) return response.json({ images: wanted });
  if (response.status === 404) {
    await response.body.cancel().catch(() => undefined);
    throw vanishedJobError(client.provider, job);
  }
  // fal answers a failed job's result with the model's own error, e.g. 422 for bad input.
  if (response.status === 400 || response.status === 422) {
    const text = await response.text({ error: true });
    let detail: ReturnType<typeof parseQueueErrorBody>;
    try {
      detail = parseQueueErrorBody(JSON.parse(text));
    } catch {
      detail = { message: text.slice(0, 300) };
    }
    throw jobFailedError({
      provider: client.provider,
      requestId: job.requestId,
      status: response.status,
      detail,
      secrets: client.secrets,
    });
  }
  throw await readHttpError(response, {
    provider: client.provider,
    parseBody: parseQueueErrorBody,
    secrets: client.secrets,
  });
}

async function download(
  client: QueueClient,
  source: ResultImageSource,
  signal: AbortSignal,
): Promise<ProviderImage> {
  const revised = source.revisedPrompt === undefined ? {} : { revisedPrompt: source.revisedPrompt };
  if ('base64' in source) {
    const data = new Uint8Array(Buffer.from(source.base64, 'base64'));
    return { data, ...(source.mediaType ? { mediaType: source.mediaType } : {}), ...revised };
  }
  const { bytes, mediaType } = await guardedDownload(source.url, {
    client: client.http,
    provider: client.provider,
    maxBytes: client.config.maxResultBytes,
    maxBytesSetting: 'maxResultBytes',
    signal,
    // Configured headers are for the queue's own origin, not for a CDN the result names;
    // guardedDownload additionally strips credentials if a redirect leaves that origin.
    headers: sameOrigin(source.url, client.baseOrigin) ? { ...client.authHeaders } : {},
    authOrigin: client.baseOrigin,
  });
  return { data: bytes, mediaType, ...revised };
}

function pick(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    keys.filter((key) => body[key] !== undefined).map((key) => [key, body[key]]),
  );
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
