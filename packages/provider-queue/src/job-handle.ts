import { type JobHandle, RetouchError } from '@retouch/core/provider';
import type { QueueClient } from './queue-client.js';
import type { JobUrls } from './queue-urls.js';

/** A submitted queue job: everything status, result and cancel need, and nothing secret. */
export interface QueueJob extends JobUrls {
  model: string;
  requestId: string;
  /** Images the call asked for; sizes the result read. Absent in handles from older versions. */
  images?: number;
}

export function toJobHandle(job: QueueJob, provider: string, createdAt = new Date()): JobHandle {
  return {
    provider,
    model: job.model,
    id: job.requestId,
    data: {
      requestId: job.requestId,
      statusUrl: job.statusUrl,
      responseUrl: job.responseUrl,
      cancelUrl: job.cancelUrl,
      ...(job.images === undefined ? {} : { images: job.images }),
    },
    createdAt: createdAt.toISOString(),
  };
}

/**
 * Reads a handle back, typically after `JSON.parse` of something an app stored. A handle is data
 * from disk, so its URLs pass the same origin check as a fresh submit response: a tampered
 * handle cannot make this provider send the key elsewhere.
 */
export function readJobHandle(handle: JobHandle, client: QueueClient): QueueJob {
  const invalid = (why: string): RetouchError =>
    new RetouchError({
      code: 'invalid_request',
      provider: client.provider,
      retryable: false,
      message: `This job handle cannot be resumed by the queue provider: ${why}.`,
      issues: [{ field: 'handle', message: why }],
    });
  if (typeof handle !== 'object' || handle === null) throw invalid('it is not an object');
  if (handle.provider !== client.provider) {
    throw invalid(`it belongs to provider "${String(handle.provider)}"`);
  }
  const data = handle.data ?? {};
  const text = (key: string): string => {
    const value = data[key];
    if (typeof value !== 'string' || value === '') throw invalid(`data.${key} is missing`);
    return value;
  };
  if (typeof handle.model !== 'string' || handle.model === '') throw invalid('model is missing');
  const job: QueueJob = {
    model: handle.model,
    requestId: text('requestId'),
    statusUrl: text('statusUrl'),
    responseUrl: text('responseUrl'),
    cancelUrl: text('cancelUrl'),
  };
  const images = data.images;
  if (typeof images === 'number' && Number.isInteger(images) && images > 0) job.images = images;
  client.checkTrusted(job.statusUrl, 'status URL', 'handle');
  client.checkTrusted(job.responseUrl, 'response URL', 'handle');
  client.checkTrusted(job.cancelUrl, 'cancel URL', 'handle');
  return job;
}
