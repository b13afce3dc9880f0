import type { JobStatus } from '@retouch/core/provider';
import type { QueueJob } from './job-handle.js';
import { pollStatus } from './poll-status.js';
import type { QueueClient } from './queue-client.js';
import { followStatusStream } from './status-stream.js';

/**
 * Yields the job's status changes until it completes. Server-sent events first when enabled,
 * polling when they are off or the stream fails or stalls. Only changes are yielded: a new
 * state, a new queue position, or log lines not reported before.
 */
export async function* watchStatus(
  client: QueueClient,
  job: QueueJob,
  signal: AbortSignal,
  /** When the job was submitted (epoch ms), so polling knows how old the job is. */
  submittedAt?: number,
): AsyncGenerator<JobStatus, void> {
  const changes = createChangeFilter();
  if (client.config.sse) {
    const stream = followStatusStream(client, job, signal);
    for (;;) {
      const next = await stream.next();
      if (next.done) {
        if (next.value === 'completed') return;
        break;
      }
      const change = changes(next.value);
      if (change) yield change;
    }
  }
  for await (const status of pollStatus(client, job, signal, submittedAt)) {
    const change = changes(status);
    if (change) yield change;
  }
}

/** Remembers what was reported, so progress shows each position and log line once. */
export function createChangeFilter(): (status: JobStatus) => JobStatus | undefined {
  let lastState: JobStatus['state'] | undefined;
  let lastPosition: number | undefined;
  let logsSeen = 0;
  return (status) => {
    const stateChanged = status.state !== lastState;
    lastState = status.state;
    if (status.state === 'queued') {
      if (!stateChanged && status.position === lastPosition) return undefined;
      lastPosition = status.position;
      return status;
    }
    if (status.state === 'running') {
      const logs = status.logs ?? [];
      // A server may trim old lines; if the list shrank, treat it as a fresh list.
      const fresh = logs.length >= logsSeen ? logs.slice(logsSeen) : logs;
      logsSeen = logs.length;
      if (!stateChanged && fresh.length === 0) return undefined;
      return fresh.length > 0 ? { state: 'running', logs: fresh } : { state: 'running' };
    }
    return stateChanged ? status : undefined;
  };
}
