import type { CostEstimate, CostTotal, EditCost } from '@retouch/core';
import { formatMoney } from '@retouch/core/cost';

/** How a cost reads to a person: an amount, an estimate said to be one, or "unknown". */
export function formatCost(cost: EditCost | CostEstimate | undefined): string {
  if (!cost) return 'unknown';
  if (cost.kind === 'actual') return formatMoney(cost.amount, cost.currency);
  if (cost.kind === 'estimate') return `≈ ${formatMoney(cost.amount, cost.currency)} (estimate)`;
  const estimate = 'estimate' in cost ? cost.estimate : undefined;
  return estimate
    ? `unknown (≈ ${formatMoney(estimate.amount, estimate.currency)} estimated)`
    : 'unknown';
}

/** A batch's cost: the known sum, and how many edits are not in it. */
export function formatCostTotal(total: CostTotal): string {
  const known = formatMoney(total.amount, total.currency);
  if (total.unknown === 0) return known;
  if (total.amount === 0) {
    const each = `${total.unknown} edit${total.unknown === 1 ? '' : 's'}`;
    return total.estimatedUnknown === undefined
      ? `unknown (${each})`
      : `unknown (${each}; ≈ ${formatMoney(total.estimatedUnknown, total.currency)} estimated)`;
  }
  const estimate =
    total.estimatedUnknown === undefined
      ? ''
      : `, ≈ ${formatMoney(total.estimatedUnknown, total.currency)} estimated for them`;
  return `${known} + ${total.unknown} unknown${estimate}`;
}
