import { type CostEstimate, type ImageEditProvider, RetouchError } from '@retouch/core';
import { batchApiOf } from '@retouch/core/batch-api';
import { formatCost } from '../cost/format-cost.js';
import type { DryRun } from '../run/dry-run.js';

/**
 * The share of the live price the model's batch edits cost. Refused (nothing sent, also before
 * a dry run) when there is none, naming the models that have one: the provider's own, or
 * `elsewhere` (a host's list of batch-capable models) when the provider has no batch API.
 */
export function batchPriceFactor(
  provider: ImageEditProvider,
  model: string,
  elsewhere: { provider: string; models: readonly string[] } = { provider: '', models: [] },
): number {
  const api = batchApiOf(provider);
  const factor = api?.priceFactor(model);
  if (api && factor !== undefined) return factor;
  const other =
    elsewhere.models.length > 0
      ? `, or use ${elsewhere.provider} with a model that has one: ${elsewhere.models.join(', ')}`
      : '';
  throw new RetouchError({
    code: 'invalid_request',
    provider: provider.id,
    message: api
      ? `${model} takes no batch edits. Models with a batch API: ${api.models.join(', ')}. Pick another model, or edit without the Batch API.`
      : `${provider.id} has no batch API. Edit without the Batch API${other}.`,
    issues: [{ field: 'batch', message: 'no batch API for this model' }],
  });
}

/** A dry run's total at the batch price, beside the live one. */
export function batchTotal(dryRun: Pick<DryRun, 'total'>, factor: number): CostEstimate {
  const { total } = dryRun;
  if (total.kind === 'unknown') return total;
  return {
    ...total,
    amount: total.amount * factor,
    basis: `${total.basis}, at the batch price (${Math.round(factor * 100)}%)`,
  };
}

/** The words for the batch price beside the live one. */
export function describeBatchPrice(dryRun: Pick<DryRun, 'total'>, factor: number): string {
  const batch = batchTotal(dryRun, factor);
  if (batch.kind === 'unknown') return `batch price: unknown: ${batch.reason}`;
  return `on the Batch API: ${formatCost(batch)} (${Math.round(factor * 100)}% of the live ${formatCost(dryRun.total)}), results within 24 h`;
}
