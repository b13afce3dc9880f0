import type {
  BatchCounts,
  BatchSummary,
  DeliveredItem,
  EachItem,
  ItemOutcome,
} from '../batch/batch-types.js';
import type { EditImageOptions, EditImageResult, ImageInput } from '../contract/edit-request.js';
import type { ImageEditProvider } from '../contract/provider.js';
import type { EditCost } from '../cost/edit-cost.js';
import type { ModelPricing } from '../cost/model-pricing.js';
import type { BatchApiState } from './batch-api-contract.js';
import type { BatchApiJournalPort } from './batch-api-journal.js';

export interface BatchApiEditRequest extends EditImageOptions {
  provider: ImageEditProvider;
  model: string;
  prompt: string;
  mask?: ImageInput;
  items: readonly EachItem[];
  /** The model's live prices; results are costed at the batch price (the provider's factor). */
  pricing?: ModelPricing;
  /** Submit only the items whose estimated batch-price cost fits within this. */
  maxCost?: number;
  journal: BatchApiJournalPort;
  /** Fills in an item before its line is built or its result delivered (hash, options). */
  prepare?(item: EachItem): Promise<EachItem>;
  /**
   * Results an earlier run already wrote for this item (the record inside them names the batch
   * and the item), for a run killed while delivering, after writing them and before its journal
   * said so: asked before each result is written, and an item with any is journaled done with
   * them instead of written again. A rejection counts as none.
   */
  findDelivered?(item: EachItem): Promise<readonly string[]>;
  /** Writes an item's results; it counts as done once this resolves and the journal has it. */
  deliver(item: EachItem, result: EditImageResult, cost: EditCost): Promise<DeliveredItem>;
  onEvent?(event: BatchApiEvent): void;
  /** Stops following (the batches go on on the server; a later run follows them). */
  signal?: AbortSignal;
  /** Cancel the job's batches on the server, then deliver what they finished. */
  cancel?: boolean;
  /** Polling: the first check after `firstMs` (default 2 s), then longer, up to `maxMs` (60 s). */
  poll?: { firstMs?: number; maxMs?: number };
  /** Where the input files are written before upload. Default: the system's temporary folder. */
  spoolFolder?: string;
  /** Attached to each batch on the server (e.g. what made it), besides Retouch's own. */
  metadata?: Record<string, string>;
}

export type BatchApiEvent =
  | { type: 'batch-submitted'; part: number; batchId: string; requests: number }
  | {
      type: 'batch-status';
      part: number;
      batchId: string;
      status: BatchApiState['status'];
      counts: BatchApiState['counts'];
    }
  | { type: 'item-finished'; outcome: ItemOutcome; counts: BatchCounts };

export interface BatchApiSummary extends BatchSummary {
  /** The batches on the server this job has, and where each stood last. */
  batches: Array<{ id: string; status: BatchApiState['status']; counts: BatchApiState['counts'] }>;
  /** The share of the live price the results cost. */
  priceFactor: number;
}
