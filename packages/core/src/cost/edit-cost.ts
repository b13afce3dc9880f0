/**
 * What an edit cost, as far as can be known. `actual` comes from what the provider reported (its
 * token usage, or the images it returned) priced with the model's published prices; `unknown`
 * says why not, and may carry an estimate, always labelled as one.
 */
export type EditCost =
  | {
      kind: 'actual';
      amount: number;
      currency: string;
      /** `usage`: the reported token usage; `images`: the images returned, at their listed price. */
      basis: 'usage' | 'images';
      /** The day the prices were checked at their source, when known. */
      pricesChecked?: string;
    }
  | {
      kind: 'unknown';
      reason: string;
      /** What it would cost by the published per-image prices: an estimate, not a bill. */
      estimate?: { amount: number; currency: string };
    };

/** A cost worked out before sending; `amount` errs high when a choice (quality, size) is open. */
export type CostEstimate =
  | { kind: 'estimate'; amount: number; currency: string; basis: string }
  | { kind: 'unknown'; reason: string };

/** Several edits' costs added up: what is known, and how many are not. */
export interface CostTotal {
  /** Sum of the known (actual) costs. */
  amount: number;
  currency?: string;
  /** Edits whose cost is unknown. */
  unknown: number;
  /** Sum of the estimates carried by unknown costs, when every unknown one has one. */
  estimatedUnknown?: number;
}

export function totalCost(costs: readonly (EditCost | undefined)[]): CostTotal {
  let amount = 0;
  let unknown = 0;
  let estimated: number | undefined = 0;
  let currency: string | undefined;
  for (const cost of costs) {
    if (cost?.kind === 'actual') {
      amount += cost.amount;
      currency ??= cost.currency;
      continue;
    }
    unknown += 1;
    if (cost?.estimate && estimated !== undefined) {
      estimated += cost.estimate.amount;
      currency ??= cost.estimate.currency;
    } else estimated = undefined;
  }
  const total: CostTotal = { amount, unknown };
  if (currency) total.currency = currency;
  if (unknown > 0 && estimated !== undefined) total.estimatedUnknown = estimated;
  return total;
}
