import type {
  EditImageOptions,
  EditImageRequest,
  EditImageResult,
  EditRunOptions,
  ImageInput,
} from '../contract/edit-request.js';
import type { JobHandle } from '../contract/job-handle.js';
import type { EditProgressEvent } from '../contract/progress.js';
import type { ImageEditProvider } from '../contract/provider.js';
import type { EditWarning } from '../contract/warning.js';
import type { CostEstimate, CostTotal, EditCost } from '../cost/edit-cost.js';
import type { ModelPricing } from '../cost/model-pricing.js';
import type { RetouchError } from '../errors/retouch-error.js';

/** One edit of a batch: its own inputs, with the batch's prompt, mask and options. */
export interface EachItem {
  /** Stable from run to run (e.g. the input's path), so the journal can find it again. */
  key: string;
  images: ImageInput | readonly ImageInput[];
  /** A hash of the inputs' content: a finished entry for different content does not count. */
  contentHash?: string;
  /** Options for this item alone, over the batch's (e.g. an output format that follows the source's). */
  options?: EditImageOptions;
}

/** What the journal keeps per item, so a later run knows what is done and what to resume. */
export type JournalEntry =
  | { state: 'running'; contentHash?: string; handle: JobHandle; updatedAt: string }
  | {
      state: 'done';
      contentHash?: string;
      /** Where the results went, as the app names them (paths, URIs). */
      outputs: string[];
      requestIds: string[];
      cost?: EditCost;
      updatedAt: string;
    }
  | {
      state: 'failed';
      contentHash?: string;
      error: { code: string; message: string };
      /** Set when the job may still finish on the server: the next run follows it. */
      handle?: JobHandle;
      updatedAt: string;
    };

/**
 * Where a batch keeps its journal (`@retouch/output` keeps it as a file beside the outputs).
 * `record` resolves once the entry is durable; an item counts as done (or failed) only after
 * that, so a crash never loses a finished result's entry. The runner does not hold up the next
 * edit for it: writing a result and its entry overlap the next edits. Entries only move forward,
 * so a later write never drops a finished result's entry.
 */
export interface BatchJournalPort {
  previous(key: string): JournalEntry | undefined;
  record(key: string, entry: JournalEntry): Promise<void>;
}

/** What the app did with an item's result. */
export interface DeliveredItem {
  outputs: string[];
  /** Set when results could not go where asked (they went to a fallback the message names). */
  problem?: RetouchError;
}

export interface EditEachRequest extends EditImageOptions, Omit<EditRunOptions, 'onProgress'> {
  provider: ImageEditProvider;
  model: string;
  prompt: string;
  mask?: ImageInput;
  /** Send every item's inputs exactly as they are (see `EditImageRequest.keepInput`). */
  keepInput?: boolean;
  /** Framing and region edits for every item (see `EditImageRequest.region`). */
  region?: EditImageRequest['region'];
  items: readonly EachItem[];
  /** Items in flight at once; a 429 lowers it for a while. Default 4. */
  concurrency?: number;
  /** The model's prices (see `pricingFor`), for estimates, the budget and each item's cost. */
  pricing?: ModelPricing;
  /** Start no edit that could take what this run spends above this (in the prices' currency). */
  maxCost?: number;
  journal?: BatchJournalPort;
  /** Ignore what the journal says was done before: edit every item again. */
  fresh?: boolean;
  /**
   * Names this batch the same from run to run (e.g. its journal's name). Each item's idempotency
   * keys are made from it, the item's key and its content hash, so an item edited again after a
   * crash sends the keys it sent before, and a server that dedupes by them answers the first
   * request instead of billing a second. Without it, keys are random.
   */
  batchId?: string;
  /**
   * Results an earlier run already wrote for this item (where the app keeps them), found by what
   * they say they are (the record inside them names the batch and the item), for a run that
   * crashed after writing them and before its journal said so. Not asked with `fresh`, or when
   * the journal already says done. An item with any counts as done; a rejection counts as none.
   */
  findDelivered?(item: EachItem): Promise<readonly string[]>;
  /**
   * Fills in what takes reading an item's inputs (its `contentHash`, options that follow its
   * type) just before it is needed: it runs a few items ahead of the edits, so a long batch starts
   * at once and the reading overlaps the edits before. A rejection fails that item.
   */
  prepare?(item: EachItem): Promise<EachItem>;
  /** Writes an item's results; called once per finished item, before it counts as done. */
  deliver(item: EachItem, result: EditImageResult, cost: EditCost): Promise<DeliveredItem>;
  onEvent?(event: BatchEvent): void;
}

export type ItemOutcome =
  | {
      key: string;
      status: 'done';
      outputs: string[];
      requestIds: string[];
      cost: EditCost;
      /** Followed from a job handle an earlier run left, not submitted again. */
      resumed: boolean;
      warnings: EditWarning[];
      problem?: RetouchError;
      elapsedMs: number;
    }
  | { key: string; status: 'done-before'; outputs: string[]; cost?: EditCost }
  | { key: string; status: 'failed'; error: RetouchError; elapsedMs: number }
  | { key: string; status: 'over-budget'; reason: string }
  | { key: string; status: 'not-started'; reason: string };

export interface BatchCounts {
  total: number;
  /** Finished in this run or an earlier one. */
  done: number;
  running: number;
  failed: number;
  /** Not started: over budget, cancelled or stopped. */
  skipped: number;
  /** Not reached yet. */
  left: number;
}

export type BatchEvent =
  | { type: 'item-started'; key: string; resumed: boolean; counts: BatchCounts }
  | { type: 'item-progress'; key: string; event: EditProgressEvent }
  | { type: 'item-finished'; outcome: ItemOutcome; counts: BatchCounts }
  /** Every call waits `waitMs`; at most `concurrency` are in flight for a while. */
  | { type: 'rate-limited'; waitMs: number; concurrency: number }
  /** The journal could not be written; the batch goes on without it. */
  | { type: 'journal-failed'; message: string };

export interface BatchSummary {
  items: ItemOutcome[];
  counts: BatchCounts;
  /** What this run's edits cost. */
  cost: CostTotal;
  /** One edit's estimate, as the budget used it. */
  estimate: CostEstimate;
  /** Why items were left unstarted, if any were: a cancel, or an error no item can get past. */
  stopped?: { reason: 'cancelled' | 'error'; error: RetouchError };
}
