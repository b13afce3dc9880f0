import type { ImageUsage } from '../contract/edit-call.js';
import type { EditImageResult } from '../contract/edit-request.js';
import type { EditCost } from './edit-cost.js';
import { estimateEditCost } from './estimate-cost.js';
import type { ImagePrice, ModelPricing, TokenPrices } from './model-pricing.js';

export interface CostOfEditInput {
  pricing?: ModelPricing;
  result: Pick<EditImageResult, 'model' | 'images' | 'usage' | 'calls'>;
  /** What was asked for; a size or quality the server echoed wins over it. */
  size?: string;
  quality?: string;
}

/**
 * What a finished edit cost, from what the provider reported: its token usage priced per class
 * for token-billed models, or the images it returned at their listed price for image-billed
 * ones. When that cannot be worked out (no usage reported, a token class without a price, a
 * quality the price list cannot tell), the cost is `unknown`, with the reason and an estimate
 * labelled as such: never a guess presented as the bill.
 */
export function costOfEdit(input: CostOfEditInput): EditCost {
  const { pricing, result } = input;
  if (!pricing) {
    return { kind: 'unknown', reason: `no prices are known for ${result.model}` };
  }
  const known = (amount: number, basis: 'usage' | 'images'): EditCost => ({
    kind: 'actual',
    amount,
    currency: pricing.currency,
    basis,
    ...(pricing.source ? { pricesChecked: pricing.source.checked } : {}),
  });
  const quality = echoed(result, 'quality') ?? input.quality;
  const unknown = (reason: string): EditCost => {
    const estimate = estimateEditCost({
      model: result.model,
      pricing,
      n: Math.max(1, result.images.length),
      size: echoed(result, 'size') ?? concrete(input.size) ?? sizeOf(result.images[0]),
      quality,
    });
    return {
      kind: 'unknown',
      reason,
      ...(estimate.kind === 'estimate'
        ? { estimate: { amount: estimate.amount, currency: estimate.currency } }
        : {}),
    };
  };
  if (pricing.billing === 'image') {
    let amount = 0;
    for (const image of result.images) {
      const price = listedPrice(pricing.perImage ?? [], `${image.width}x${image.height}`, quality);
      if (price === undefined) {
        return unknown(
          `the price list has no single price for a ${image.width}x${image.height} image${quality ? ` at quality ${quality}` : ''}`,
        );
      }
      amount += price;
    }
    return known(amount, 'images');
  }
  if (!result.usage) return unknown(`the provider reported no token usage`);
  const tokens = tokenCounts(result.usage);
  if (typeof tokens === 'string') return unknown(tokens);
  let amount = 0;
  for (const [kind, count] of Object.entries(tokens) as [keyof TokenPrices, number][]) {
    if (count === 0) continue;
    const perMillion = pricing.tokensPerMillion?.[kind];
    if (perMillion === undefined) return unknown(`no price is known for ${describe(kind)}`);
    amount += (count * perMillion) / 1_000_000;
  }
  return known(amount, 'usage');
}

function describe(kind: keyof TokenPrices): string {
  return `${kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} tokens`;
}

/** The one price that applies, or undefined when none or several different ones do. */
function listedPrice(rows: readonly ImagePrice[], size: string, quality: string | undefined) {
  const hits = rows.filter(
    (row) =>
      (row.size === undefined || row.size === size) &&
      (row.quality === undefined || (quality !== undefined && row.quality === quality)),
  );
  const prices = new Set(hits.map((row) => row.price));
  return prices.size === 1 ? [...prices][0] : undefined;
}

const concrete = (size: string | undefined) => (size === 'auto' ? undefined : size);

const sizeOf = (image: { width: number; height: number } | undefined) =>
  image ? `${image.width}x${image.height}` : undefined;

function echoed(
  result: Pick<EditImageResult, 'calls'>,
  field: 'size' | 'quality',
): string | undefined {
  for (const call of result.calls) {
    const value = call.echoed?.[field];
    if (typeof value === 'string' && value !== 'auto') return value;
  }
  return undefined;
}

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * Token counts per priced class, from OpenAI's usage shape (`input_tokens_details` splits the
 * input into text and image; `output_tokens_details`, where present, splits the output), or why
 * they cannot be told apart.
 */
function tokenCounts(usage: ImageUsage): Partial<Record<keyof TokenPrices, number>> | string {
  const input = count(usage.inputTokens) ?? 0;
  const output = count(usage.outputTokens) ?? 0;
  const inputDetails = record(usage.details?.input_tokens_details);
  const outputDetails = record(usage.details?.output_tokens_details);
  const counts: Partial<Record<keyof TokenPrices, number>> = {};
  if (input > 0) {
    const text = count(inputDetails?.text_tokens);
    const image = count(inputDetails?.image_tokens);
    if (text === undefined || image === undefined) {
      return 'the reported usage does not say how many input tokens were text and how many image';
    }
    counts.textInput = text;
    counts.imageInput = image;
  }
  const outputImage = count(outputDetails?.image_tokens);
  const outputText = count(outputDetails?.text_tokens);
  if (outputImage !== undefined || outputText !== undefined) {
    counts.imageOutput = outputImage ?? 0;
    counts.textOutput = outputText ?? 0;
  } else counts.imageOutput = output;
  return counts;
}
