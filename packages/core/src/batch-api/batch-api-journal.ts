import type { JournalEntry } from '../batch/batch-types.js';
import type { BatchApiStatus } from './batch-api-contract.js';

/** One batch on the server, as the journal keeps it: written once uploaded, then moved forward. */
export interface BatchApiPart {
  /** 0, 1, …: a job over the limits is split into several batches. */
  index: number;
  /** The items of its lines, in order, and each line's custom id. */
  keys: string[];
  customIds: string[];
  /** Each item's content hash as submitted (same order), so results are matched to inputs. */
  contentHashes: Array<string | null>;
  inputFileId: string;
  /** Set once the batch exists on the server. */
  batchId?: string;
  /** The last status seen. */
  status?: BatchApiStatus;
  /** Set once every result and error of a finished batch is delivered and recorded. */
  delivered?: boolean;
  updatedAt: string;
}

/**
 * Where a batch-API run keeps its steps (`@retouch/output` keeps them in a file beside the
 * outputs). Each method resolves once the step is durable: the run takes the next step only then,
 * so after a crash the next run knows which uploads and batches exist and follows them.
 */
export interface BatchApiJournalPort {
  parts(): readonly BatchApiPart[];
  savePart(part: BatchApiPart): Promise<void>;
  item(key: string): JournalEntry | undefined;
  recordItem(key: string, entry: JournalEntry): Promise<void>;
}
