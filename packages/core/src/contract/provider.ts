import type { ModelInfo } from './capabilities.js';
import type { EditCall, ProviderEditResult } from './edit-call.js';
import type { JobHandle } from './job-handle.js';
import type { EditWarning } from './warning.js';

/** A job's state as a provider sees it while watching a long job. */
export type JobStatus =
  | { state: 'queued'; position?: number }
  | { state: 'running'; logs?: readonly string[] }
  | { state: 'completed' };

export interface JobWatchOptions {
  signal: AbortSignal;
}

export type CancelOutcome =
  /** The server cancelled the job; nothing will run. */
  | 'cancelled'
  /** The job had already started or finished and could not be cancelled. */
  | 'too-late'
  /** Cancel could not be confirmed (network error, unknown answer). */
  | 'unknown';

/**
 * The long-job shape, for servers that queue jobs. A provider translates each step to its wire
 * protocol; the engine owns everything around them: it retries `start` (only when resending
 * cannot start a second job), reports the handle, follows the job with `watch`, re-watches the
 * same handle with backoff after a transient failure, reads the result, and cancels the job when
 * the edit is aborted or gives up on it. A provider with `jobs` therefore needs no `edit()`.
 */
export interface LongJobSteps {
  /**
   * Submits the job and returns its handle. Send `call.idempotencyKey` if the server dedupes
   * submits by it, and then set `idempotentStart`.
   */
  start(call: EditCall): Promise<JobHandle>;
  /**
   * Yields status changes until the job completes (then returns) or fails (then throws a
   * RetouchError). The provider picks the transport: polling, server-sent events, or both. A
   * transient failure (a dropped connection, a 503) is thrown as a retryable RetouchError, not
   * retried here: the engine calls `watch` again on the same handle after its backoff.
   */
  watch(handle: JobHandle, options: JobWatchOptions): AsyncIterable<JobStatus>;
  /** Reads a completed job's result once; the engine retries it. */
  result(handle: JobHandle, options: JobWatchOptions): Promise<ProviderEditResult>;
  /** Asks the server to cancel the job, once, and says what came of it. Never throws. */
  cancel(handle: JobHandle): Promise<CancelOutcome>;
  /**
   * True when `start` sends `call.idempotencyKey` to a server that answers a repeat with the
   * job it already created. Only then does the engine resend a submit whose answer was lost
   * after it may have reached the server; otherwise it stops with an error saying a job may exist.
   */
  readonly idempotentStart?: boolean;
}

/**
 * Version 1 of the provider contract. Bump `specificationVersion` for breaking changes; the engine
 * keeps adapters for old versions so published plugins keep working.
 *
 * A provider implements `edit`, or `jobs`, or both (the engine then uses `jobs`). Engines from
 * before `jobs`-only providers refuse one without `edit`, so such a plugin declares a matching
 * @retouch/core peer range.
 */
export interface ImageEditProviderV1 {
  readonly specificationVersion: 'v1';
  /** The plugin id this provider was created from, e.g. `openai-compatible`. */
  readonly id: string;
  readonly models: readonly ModelInfo[];
  /**
   * For model ids not in `models`: return capabilities to use anyway (with a warning), or
   * undefined to refuse the id. Gateways serve many models a table cannot list.
   */
  describeModel?(modelId: string): { model: ModelInfo; warning?: EditWarning } | undefined;
  /**
   * Optional: the model table merged with what the server itself lists (e.g. `GET /models`),
   * including lifecycle facts such as a shutdown date. It may make a network request, so apps call
   * it when showing a model picker, not before every edit; afterwards `models` and `describeModel`
   * reflect the merged facts. It rejects with a RetouchError when the server cannot be asked.
   */
  listModels?(options?: { signal?: AbortSignal }): Promise<readonly ModelInfo[]>;
  /** One call, answered in one exchange. Required unless `jobs` is present. */
  edit?(call: EditCall): Promise<ProviderEditResult>;
  jobs?: LongJobSteps;
  /** Secrets this instance holds, so the engine can scrub them from any error text. */
  readonly secrets?: readonly string[];
}

export type ImageEditProvider = ImageEditProviderV1;
