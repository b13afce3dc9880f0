import type { CancelOutcome } from '@retouch/core/provider';
import type { QueueJob } from './job-handle.js';
import type { QueueClient } from './queue-client.js';

/**
 * `PUT cancel_url`, best effort. fal and seeds/004 answer 202 when the job was removed from the
 * queue (or, running, was asked to stop) and 400 `ALREADY_COMPLETED` when it is too late; a
 * server that cannot be reached or answers otherwise leaves the outcome unknown.
 */
export async function cancelJob(client: QueueClient, job: QueueJob): Promise<CancelOutcome> {
  const signal = AbortSignal.timeout(client.config.timeouts.cancelMs);
  try {
    const response = await client.request({ method: 'PUT', url: job.cancelUrl, signal });
    const body = await response.text().catch(() => '');
    const state = readState(body);
    if (state === 'ALREADY_COMPLETED' || state === 'COMPLETED') return 'too-late';
    if (response.ok) return 'cancelled';
    if (response.status === 400 || response.status === 409 || response.status === 410)
      return 'too-late';
    return 'unknown';
  } catch {
    return 'unknown';
  }
}

function readState(body: string): string | undefined {
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json === 'object' && json !== null && 'status' in json) {
      const status = (json as { status: unknown }).status;
      return typeof status === 'string' ? status.toUpperCase() : undefined;
    }
  } catch {
    // Not JSON: the HTTP status alone decides.
  }
  return undefined;
}
