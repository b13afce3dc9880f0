import { type CostEstimate, formatCost, type ImageEditProvider, RetouchError } from '@retouch/core';
import { batchApiOf } from '@retouch/core/batch-api';
import { builtInModels } from '@retouch/provider-openai-compatible';
import type { DryRun } from './dry-run-edit.js';

/** The share of the live price the model's batch edits cost; refused (nothing sent) when none. */
export function batchPriceFactor(provider: ImageEditProvider, model: string): number {
  const api = batchApiOf(provider);
  const factor = api?.priceFactor(model);
  if (api && factor !== undefined) return factor;
  throw new RetouchError({
    code: 'invalid_request',
    provider: provider.id,
    message: api
      ? `${model} takes no batch edits. Models with a batch API: ${api.models.join(', ')}. Pick one with --model, or run without --batch.`
      : `${provider.id} has no batch API. Run without --batch, or use --provider openai-compatible with a model that has one: ${builtInModels
          .filter((entry) => entry.batchPriceFactor !== undefined)
          .map((entry) => entry.info.id)
          .join(', ')}.`,
    issues: [{ field: 'batch', message: 'no batch API for this model' }],
  });
}

/** The dry run's total at the batch price, beside the live one. */
export function batchTotal(dryRun: DryRun, factor: number): CostEstimate {
  const { total } = dryRun;
  if (total.kind === 'unknown') return total;
  return {
    ...total,
    amount: total.amount * factor,
    basis: `${total.basis}, at the batch price (${Math.round(factor * 100)}%)`,
  };
}

/** The line `--dry-run --batch` adds: the batch price beside the live one. */
export function formatBatchDryRun(dryRun: DryRun, factor: number): string {
  const batch = batchTotal(dryRun, factor);
  if (batch.kind === 'unknown') return `  batch price: unknown: ${batch.reason}`;
  return `  on the Batch API: ${formatCost(batch)} (${Math.round(factor * 100)}% of the live ${formatCost(dryRun.total)}), results within 24 h`;
}
