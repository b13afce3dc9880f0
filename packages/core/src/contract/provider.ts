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
 * The optional long-job shape. A provider whose server runs queued jobs exposes these steps so the
 * engine can persist the handle, report queue positions, cancel on abort and resume after a
 * restart. `edit()` must still work on its own for such providers.
 */
export interface LongJobSteps {
  start(call: EditCall): Promise<JobHandle>;
  /**
   * Yields status changes until the job completes (then returns) or fails (then throws a
   * RetouchError). The provider picks the transport: polling, server-sent events, or both.
   */
  watch(handle: JobHandle, options: JobWatchOptions): AsyncIterable<JobStatus>;
  result(handle: JobHandle, options: JobWatchOptions): Promise<ProviderEditResult>;
  cancel(handle: JobHandle): Promise<CancelOutcome>;
}

/**
 * Version 1 of the provider contract. Bump `specificationVersion` for breaking changes; the engine
 * keeps adapters for old versions so published plugins keep working.
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
  edit(call: EditCall): Promise<ProviderEditResult>;
  jobs?: LongJobSteps;
  /** Secrets this instance holds, so the engine can scrub them from any error text. */
  readonly secrets?: readonly string[];
}

export type ImageEditProvider = ImageEditProviderV1;
