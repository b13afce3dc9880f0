import type { Job } from '../queue/job.js';
import type { EmulatorState } from './emulator-state.js';

/** The job's URLs, absolute, on the origin the client used. */
export function jobUrls(origin: string, job: Job) {
  const base = `${origin}${job.urlBase}/requests/${job.id}`;
  return {
    response_url: job.style === 'v1' ? `${base}/response` : base,
    status_url: `${base}/status`,
    cancel_url: `${base}/cancel`,
  };
}

/** fal's status body: IN_QUEUE with position, IN_PROGRESS with logs, COMPLETED with metrics. */
export function statusBody(state: EmulatorState, origin: string, job: Job, withLogs: boolean) {
  const common = { request_id: job.id, ...jobUrls(origin, job) };
  if (job.status === 'IN_QUEUE') {
    return { status: 'IN_QUEUE', queue_position: state.queue.position(job) ?? 0, ...common };
  }
  const logs = withLogs ? job.logs : null;
  if (job.status === 'IN_PROGRESS') return { status: 'IN_PROGRESS', logs, ...common };
  const failure = job.outcome?.failure;
  const inference = job.startedAt && job.completedAt ? (job.completedAt - job.startedAt) / 1000 : 0;
  return {
    status: 'COMPLETED',
    logs,
    metrics: { inference_time: inference },
    ...(failure ? { error: failure.error, error_type: failure.errorType } : {}),
    ...common,
  };
}

/** What `GET /__admin/jobs/{id}` shows: the job's state without its input bytes. */
export function jobView(state: EmulatorState, job: Job) {
  return {
    id: job.id,
    model: job.model,
    status: job.status,
    queue_position: state.queue.position(job),
    fault: job.fault ?? null,
    cancelled: job.cancelled,
    submitted_at: job.submittedAt,
    started_at: job.startedAt ?? null,
    completed_at: job.completedAt ?? null,
    logs: job.logs,
    outcome: job.outcome ?? null,
  };
}
