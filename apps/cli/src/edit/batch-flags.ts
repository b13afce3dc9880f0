import { usageError } from '../args/parse-command-args.js';
import { parseInteger } from '../args/parse-values.js';

/** The `retouch edit` flags about running many edits and what they may cost. */
export const batchOptions = {
  each: { type: 'boolean' },
  concurrency: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'max-cost': { type: 'string' },
  fresh: { type: 'boolean' },
  batch: { type: 'boolean' },
  'cancel-batch': { type: 'boolean' },
} as const;

export interface BatchFlags {
  each: boolean;
  concurrency?: number;
  dryRun: boolean;
  /** In the prices' currency (USD for the built-in prices). */
  maxCost?: number;
  fresh: boolean;
  /** On the provider's Batch API, at the batch price (with `each`). */
  batch: boolean;
  /** Cancel the job's batches on the server. */
  cancelBatch: boolean;
}

export function parseBatchFlags(values: {
  each?: boolean;
  concurrency?: string;
  'dry-run'?: boolean;
  'max-cost'?: string;
  fresh?: boolean;
  batch?: boolean;
  'cancel-batch'?: boolean;
}): BatchFlags {
  const cancelBatch = values['cancel-batch'] === true;
  const flags: BatchFlags = {
    // --cancel-batch names the job by the same command, so it implies --each --batch.
    each: values.each === true || cancelBatch,
    dryRun: values['dry-run'] === true,
    fresh: values.fresh === true,
    batch: values.batch === true || cancelBatch,
    cancelBatch,
  };
  if (flags.batch && !flags.each) throw usageError('edit', '--batch goes with --each', 'each');
  if (flags.batch && (values.concurrency !== undefined || flags.fresh)) {
    throw usageError(
      'edit',
      `${flags.fresh ? '--fresh' : '--concurrency'} does not apply to --batch (the server paces a batch)`,
      'batch',
    );
  }
  if (values.concurrency !== undefined) {
    flags.concurrency = parseInteger('edit', '--concurrency', values.concurrency, 1, 64);
  }
  if (values['max-cost'] !== undefined) flags.maxCost = parseMoney(values['max-cost']);
  if (!flags.each && (flags.concurrency !== undefined || flags.fresh)) {
    throw usageError(
      'edit',
      `${flags.fresh ? '--fresh' : '--concurrency'} goes with --each`,
      'each',
    );
  }
  return flags;
}

/** `0.5`, `$0.50`, `2` → a non-negative amount. */
export function parseMoney(text: string): number {
  const amount = Number(text.trim().replace(/^\$/, ''));
  if (!/^\$?\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(amount)) {
    throw usageError(
      'edit',
      `--max-cost must be an amount such as 0.50, not "${text}"`,
      'max-cost',
    );
  }
  return amount;
}
