import type { ModelInfo } from '@retouch/core';
import {
  type ModelPricing,
  type PricingOverrides,
  parsePricingOverrides,
  pricingFor,
} from '@retouch/core/cost';
import type { RetouchLog } from './log.js';
import { pricingSetting } from './settings.js';

/** `retouch.pricing` checked; a broken one is logged and the built-in prices are used. */
export function pricingOverrides(log: RetouchLog): PricingOverrides {
  try {
    return parsePricingOverrides(pricingSetting(), 'retouch.pricing');
  } catch (error) {
    log.warn(
      `${error instanceof Error ? error.message : String(error)} The built-in prices are used.`,
    );
    return {};
  }
}

/** The model's prices: the built-in table with the user's `retouch.pricing` laid over it. */
export function modelPricing(model: ModelInfo, log: RetouchLog): ModelPricing | undefined {
  return pricingFor(model, pricingOverrides(log));
}
