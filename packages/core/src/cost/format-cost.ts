import type { CostEstimate, CostTotal, EditCost } from './edit-cost.js';

/** `$0.0421`, `$1.25`, `0.50 EUR`: small amounts keep enough digits to be told apart. */
export function formatMoney(amount: number, currency = 'USD'): string {
  const digits = amount !== 0 && Math.abs(amount) < 1 ? 4 : 2;
  let text = amount.toFixed(digits);
  if (digits === 4) text = text.replace(/0{1,2}$/, '');
  return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
}

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
