import { parseServerSentEvents } from '@retouch/core/http';
import {
  errorFromAbortSignal,
  isRetouchError,
  type JobStatus,
  type RetouchError,
} from '@retouch/core/provider';
import type { QueueJob } from './job-handle.js';
import type { QueueClient } from './queue-client.js';
import { parseQueueStatus } from './queue-status.js';
import { statusStreamUrl } from './queue-urls.js';
import { recordRunTime, reportedRunTime } from './run-times.js';

/** How a status stream ended: the job completed, or the watcher should poll instead. */
export type StreamOutcome = 'completed' | 'fallback';

class JobVerdict extends Error {
  constructor(readonly error: RetouchError) {
    super(error.message);
  }
}

/**
 * Follows `…/status/stream` as server-sent events. Any trouble with the stream itself (an error
 * status, a stream that is not SSE, a dropped connection, silence past `sseInactivityMs`, an end
 * before COMPLETED) returns 'fallback' so the caller polls; only the job's own verdict (failed,
 * cancelled) and the caller's abort are thrown.
 */
export async function* followStatusStream(
  client: QueueClient,
  job: QueueJob,
  signal: AbortSignal,
): AsyncGenerator<JobStatus, StreamOutcome> {
  const { provider, config } = client;
  const watchdog = new AbortController();
  const streamSignal = AbortSignal.any([signal, watchdog.signal]);
  let timer: NodeJS.Timeout | undefined;
  const pauseWatchdog = () => clearTimeout(timer);
  const armWatchdog = () => {
    clearTimeout(timer);
    timer = setTimeout(() => watchdog.abort(), config.sseInactivityMs);
  };
  const context = { provider, job, secrets: client.secrets };

  armWatchdog();
  try {
    const response = await client.request({
      method: 'GET',
      url: statusStreamUrl(job.statusUrl, config.logs),
      accept: 'text/event-stream',
      signal: streamSignal,
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !contentType.includes('text/event-stream')) {
      await response.body.cancel().catch(() => undefined);
      return 'fallback';
    }
    // The watchdog counts raw bytes, so the keep-alive comments fal sends count as life.
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          armWatchdog();
          controller.enqueue(chunk);
        },
      }),
    );
    for await (const event of parseServerSentEvents(body)) {
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        continue;
      }
      let status: JobStatus;
      try {
        status = parseQueueStatus(json, context);
      } catch (error) {
        if (isRetouchError(error) && error.code !== 'invalid_response') {
          throw new JobVerdict(error);
        }
        continue;
      }
      pauseWatchdog();
      if (status.state === 'completed') {
        const ran = reportedRunTime(json);
        if (ran !== undefined) recordRunTime(job.model, ran);
      }
      yield status;
      if (status.state === 'completed') return 'completed';
      armWatchdog();
    }
    return 'fallback';
  } catch (error) {
    if (error instanceof JobVerdict) throw error.error;
    if (signal.aborted) throw errorFromAbortSignal(signal, provider);
    return 'fallback';
  } finally {
    pauseWatchdog();
    // Releases the connection if we stopped reading before the server closed the stream.
    watchdog.abort();
  }
}
