import type { EditCall, ProviderEditResult } from '../contract/edit-call.js';
import type { ImageEditProvider } from '../contract/provider.js';
import type { RetouchError } from '../errors/retouch-error.js';

/** Where a batch on the server stands (OpenAI's `Batch.status`). */
export type BatchApiStatus =
  | 'validating'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'failed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

/** Statuses after which nothing more happens on the server. */
export const finalBatchApiStatuses: ReadonlySet<BatchApiStatus> = new Set([
  'completed',
  'failed',
  'expired',
  'cancelled',
]);

/** A batch as the server reports it. */
export interface BatchApiState {
  id: string;
  status: BatchApiStatus;
  counts: { total: number; completed: number; failed: number };
  outputFileId?: string;
  errorFileId?: string;
  /** Why the whole batch failed (its input was refused), as the server says it. */
  errors?: string[];
}

/** One line of a batch's output or error file, matched to its request by `customId`. */
export type BatchApiLineResult =
  | { customId: string; ok: true; result: ProviderEditResult }
  | { customId: string; ok: false; error: RetouchError };

/** What one batch may hold; a job over either limit is split into several batches. */
export interface BatchApiLimits {
  maxRequests: number;
  maxFileBytes: number;
}

/** One request line, ready for the input file. */
export interface BatchApiLine {
  customId: string;
  /** The JSONL line, without its newline. */
  text: string;
}

/**
 * A provider's batch API (OpenAI's Files and Batches APIs): the wire steps only. The engine's
 * `runBatchApiEdit` plans, journals each step before the next, follows and delivers.
 */
export interface BatchApiSteps {
  limits: BatchApiLimits;
  /** The models that take batch edits, for a refusal that names them. */
  readonly models: readonly string[];
  /** The share of the live price a batch of this model costs (0.5), or undefined: no batch API. */
  priceFactor(model: string): number | undefined;
  /**
   * One validated call as a request line; inputs too big to inline are uploaded first. `call`'s
   * own signal belongs to the check that produced it: use `signal`.
   */
  line(call: EditCall, customId: string, signal: AbortSignal): Promise<BatchApiLine>;
  /** Uploads a JSONL input file from disk (streamed); its file id. */
  uploadInput(file: { path: string; size: number }, signal: AbortSignal): Promise<string>;
  /** Starts a batch over an uploaded input file. */
  create(
    inputFileId: string,
    metadata: Record<string, string>,
    signal: AbortSignal,
  ): Promise<BatchApiState>;
  /**
   * A batch already created over this input file, if any: after a crash between creating it and
   * recording it, the next run finds it instead of paying for it twice.
   */
  find(inputFileId: string, signal: AbortSignal): Promise<BatchApiState | undefined>;
  retrieve(batchId: string, signal: AbortSignal): Promise<BatchApiState>;
  cancel(batchId: string, signal: AbortSignal): Promise<BatchApiState>;
  /** The lines of an output or error file, streamed: never the whole file in memory. */
  results(fileId: string, signal: AbortSignal): AsyncIterable<BatchApiLineResult>;
}

/** A provider that offers a batch API besides its live edits. */
export type BatchApiProvider = ImageEditProvider & { batchApi?: BatchApiSteps };

/** The provider's batch API, when it has one. */
export function batchApiOf(provider: ImageEditProvider): BatchApiSteps | undefined {
  return (provider as BatchApiProvider).batchApi;
}
