// `@retouch/core/cost`: what an edit costs. Prices (a model's own, or the user's overrides), the
// estimate before an edit is sent, the cost from what the provider reported, and a batch's total.
export { type CostOfEditInput, costOfEdit } from './cost-of-edit.js';
export { type CostEstimate, type CostTotal, type EditCost, totalCost } from './edit-cost.js';
export { type EstimateInput, estimateEditCost } from './estimate-cost.js';
export { formatMoney } from './format-money.js';
export {
  type ImagePrice,
  imagePriceSchema,
  type ModelPricing,
  modelPricingSchema,
  type TokenPrices,
  tokenPricesSchema,
} from './model-pricing.js';
export { type PricingOverrides, parsePricingOverrides, pricingFor } from './resolve-pricing.js';
