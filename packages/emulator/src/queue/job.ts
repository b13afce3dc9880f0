export type JobStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED';

export interface JobLog {
  message: string;
  level: 'INFO' | 'ERROR';
  source: 'USER';
  timestamp: string;
}

export interface JobImage {
  fileId: string;
  fileName: string;
  contentType: string;
  width: number;
  height: number;
  fileSize: number;
}

/** How a failed job reports: the status's `error`, and the result request's HTTP status and body. */
export interface JobFailure {
  httpStatus: number;
  detail: unknown;
  error: string;
  errorType: string;
}

export interface JobOutcome {
  images?: JobImage[];
  seed?: number;
  failure?: JobFailure;
}

export interface Job<Input = unknown> {
  id: string;
  model: string;
  input: Input;
  status: JobStatus;
  logs: JobLog[];
  submittedAt: number;
  startedAt?: number;
  completedAt?: number;
  outcome?: JobOutcome;
  fault?: 'fail' | 'stall' | 'vanish';
  cancelled: boolean;
  vanished: boolean;
  /** Path prefix the job's URLs hang from, e.g. `/v1/queue/gpt_image_1_edit` or `/fal-ai/gpt-image-1`. */
  urlBase: string;
  /** `v1` answers `response_url` as `…/response`; `fal` as `…/requests/{id}`. */
  style: 'v1' | 'fal';
}

export function jobLog(message: string, level: JobLog['level'] = 'INFO'): JobLog {
  return { message, level, source: 'USER', timestamp: new Date().toISOString() };
}
