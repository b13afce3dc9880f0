import type { ModelPricing } from '../cost/model-pricing.js';

/** The live prices scaled to the batch price (OpenAI's Batch API: half), source noted. */
export function batchApiPricing(
  pricing: ModelPricing | undefined,
  factor: number,
): ModelPricing | undefined {
  if (!pricing) return undefined;
  const scale = (value: number) => value * factor;
  const scaled: ModelPricing = {
    ...pricing,
    ...(pricing.tokensPerMillion
      ? {
          tokensPerMillion: Object.fromEntries(
            Object.entries(pricing.tokensPerMillion).map(([name, price]) => [name, scale(price)]),
          ),
        }
      : {}),
    ...(pricing.perImage
      ? { perImage: pricing.perImage.map((entry) => ({ ...entry, price: scale(entry.price) })) }
      : {}),
  };
  if (pricing.source) {
    scaled.source = {
      ...pricing.source,
      title: `${pricing.source.title} At the batch price: ${Math.round(factor * 100)}% of these.`,
    };
  }
  return scaled;
}
