import { usageError } from '../args/parse-command-args.js';
import { parseInteger } from '../args/parse-values.js';

/** The `retouch edit` flags about running many edits and what they may cost. */
export const batchOptions = {
  each: { type: 'boolean' },
  concurrency: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'max-cost': { type: 'string' },
  fresh: { type: 'boolean' },
} as const;

export interface BatchFlags {
  each: boolean;
  concurrency?: number;
  dryRun: boolean;
  /** In the prices' currency (USD for the built-in prices). */
  maxCost?: number;
  fresh: boolean;
}

export function parseBatchFlags(values: {
  each?: boolean;
  concurrency?: string;
  'dry-run'?: boolean;
  'max-cost'?: string;
  fresh?: boolean;
}): BatchFlags {
  const flags: BatchFlags = {
    each: values.each === true,
    dryRun: values['dry-run'] === true,
    fresh: values.fresh === true,
  };
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
