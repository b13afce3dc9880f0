import type { ModelInfo } from '../contract/capabilities.js';
import { useEnglishZodMessages } from '../contract/zod-messages.js';
import { RetouchError } from '../errors/retouch-error.js';
import { type ModelPricing, modelPricingSchema } from './model-pricing.js';

/** Prices from the user's configuration, keyed by model id. */
export type PricingOverrides = Readonly<Record<string, ModelPricing>>;

/** The prices that apply to a model: the user's configured ones, else those its data ships. */
export function pricingFor(
  model: Pick<ModelInfo, 'id' | 'pricing'> | undefined,
  overrides?: PricingOverrides,
): ModelPricing | undefined {
  if (!model) return undefined;
  return overrides?.[model.id] ?? model.pricing;
}

/**
 * Checks configured prices (`{ "<model id>": { currency, billing, … } }`) and says exactly which
 * entry is wrong; `field` names the setting, e.g. `pricing` or `retouch.pricing`.
 */
export function parsePricingOverrides(value: unknown, field: string): PricingOverrides {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidPricing(field, 'must be an object keyed by model id');
  }
  useEnglishZodMessages();
  const parsed: Record<string, ModelPricing> = {};
  for (const [model, entry] of Object.entries(value)) {
    const result = modelPricingSchema.safeParse(entry);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const at = [field, model, ...issue.path.map(String)].join('.');
      throw invalidPricing(at, issue.message);
    }
    parsed[model] = result.data;
  }
  return parsed;
}

function invalidPricing(field: string, problem: string): RetouchError {
  return new RetouchError({
    code: 'invalid_request',
    message: `The prices in ${field} are invalid: ${problem}. Each model's entry needs "currency" (e.g. "USD"), "billing" ("tokens" or "image") and the prices: "tokensPerMillion" and/or "perImage".`,
    issues: [{ field, message: problem }],
  });
}
