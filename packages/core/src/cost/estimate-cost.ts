import type { CostEstimate } from './edit-cost.js';
import type { ImagePrice, ModelPricing } from './model-pricing.js';

export interface EstimateInput {
  model: string;
  /** The model's prices (configuration laid over its data), if any are known. */
  pricing?: ModelPricing;
  /** Output images the edit asks for. Default 1. */
  n?: number;
  size?: string;
  quality?: string;
}

const open = (value: string | undefined) => value === undefined || value === 'auto';

/**
 * What one edit is expected to cost, from the published per-image prices, before anything is
 * sent. Where the size or quality is left to the model (`auto`, or not set) it takes the highest
 * price that could apply, so a budget check based on it errs on the safe side. For token-billed
 * models the prices cover the output images; the input tokens come on top (a little for the
 * prompt, more for large inputs at high fidelity), so the estimate says so.
 */
export function estimateEditCost(input: EstimateInput): CostEstimate {
  const { pricing, model } = input;
  if (!pricing) {
    return {
      kind: 'unknown',
      reason: `no prices are known for ${model}; add them under "pricing" in your configuration`,
    };
  }
  const rows = pricing.perImage ?? [];
  if (rows.length === 0) {
    return {
      kind: 'unknown',
      reason: `${model} is billed by tokens and no per-image prices are listed to estimate from`,
    };
  }
  const n = input.n ?? 1;
  const bySize = matching(rows, 'size', input.size);
  const candidates = matching(bySize.rows, 'quality', input.quality);
  const price = Math.max(...candidates.rows.map((row) => row.price));
  const notes: string[] = [];
  if (open(input.quality) && candidates.spread) notes.push('quality left to the model');
  else if (candidates.unlisted) notes.push(`quality ${input.quality} is not listed`);
  if (open(input.size) && bySize.spread) notes.push('size left to the model');
  else if (bySize.unlisted) notes.push(`size ${input.size} is not listed`);
  const bound =
    notes.length > 0 ? `the highest listed price (${notes.join(', ')})` : 'the listed price';
  const tokens = pricing.billing === 'tokens' ? '; input tokens come on top' : '';
  return {
    kind: 'estimate',
    amount: price * n,
    currency: pricing.currency,
    basis: `${n} output image${n === 1 ? '' : 's'} at ${bound}${tokens}`,
  };
}

/**
 * The rows that apply to `value` of `field`: those naming it, plus those that do not depend on
 * it. `spread`: the applicable prices differ, so an open choice matters; `unlisted`: a concrete
 * value has no row, so every row stays in.
 */
function matching(rows: readonly ImagePrice[], field: 'size' | 'quality', value?: string) {
  const spread = new Set(rows.map((row) => row.price)).size > 1;
  if (open(value)) return { rows, spread, unlisted: false };
  const hits = rows.filter((row) => row[field] === undefined || row[field] === value);
  if (hits.length > 0) return { rows: hits, spread, unlisted: false };
  return { rows, spread, unlisted: true };
}
