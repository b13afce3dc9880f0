import type { ModelPricing } from '@retouch/core';

/**
 * Input tokens an image costs a token-billed GPT image model, approximately: scaled to fit
 * 2048×2048, then its short side to 768, it counts 170 tokens per 512-pixel tile plus 85 (the
 * published vision rule). High input fidelity adds about 4,160 tokens per image.
 */
export function imageInputTokens(
  width: number,
  height: number,
  fidelity: 'low' | 'high' | undefined,
): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shorter = Math.min(1, 768 / Math.min(w, h));
  w *= shorter;
  h *= shorter;
  const tiles = Math.ceil(w / 512) * Math.ceil(h / 512);
  return 85 + 170 * tiles + (fidelity === 'high' ? 4160 : 0);
}

export interface InputCost {
  tokens: number;
  amount: number;
  currency: string;
}

/**
 * What the inputs (images and prompt) add to an edit of a token-billed model, or undefined when
 * the model is billed per image (inputs are free) or no input prices are known.
 */
export function estimateInputCost(
  pricing: ModelPricing | undefined,
  images: readonly { width: number; height: number }[],
  prompt: string,
  fidelity?: 'low' | 'high',
): InputCost | undefined {
  const prices = pricing?.billing === 'tokens' ? pricing.tokensPerMillion : undefined;
  if (!pricing || !prices || prices.imageInput === undefined) return undefined;
  const imageTokens = images.reduce(
    (sum, image) => sum + imageInputTokens(image.width, image.height, fidelity),
    0,
  );
  // About four characters a token for English text.
  const textTokens = Math.ceil(prompt.length / 4);
  const amount =
    (imageTokens * prices.imageInput + textTokens * (prices.textInput ?? 0)) / 1_000_000;
  return { tokens: imageTokens + textTokens, amount, currency: pricing.currency };
}
