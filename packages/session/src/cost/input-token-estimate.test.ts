import { describe, expect, it } from 'vitest';
import { estimateInputCost, imageInputTokens } from './input-token-estimate.js';

describe('input token estimate', () => {
  it('counts tiles of the scaled image, so a 6000x4000 photo costs as much as a 1152x768 one', () => {
    // 6000x4000 → 2048x1365 → 1152x768: 3x2 tiles.
    expect(imageInputTokens(6000, 4000, undefined)).toBe(85 + 170 * 6);
    expect(imageInputTokens(1152, 768, undefined)).toBe(85 + 170 * 6);
    expect(imageInputTokens(512, 512, undefined)).toBe(85 + 170);
    expect(imageInputTokens(512, 512, 'high')).toBe(85 + 170 + 4160);
  });

  it('prices the inputs of a token-billed model, and nothing for a per-image one', () => {
    const tokens = {
      currency: 'USD',
      billing: 'tokens' as const,
      tokensPerMillion: { textInput: 5, imageInput: 10, imageOutput: 40 },
    };
    const cost = estimateInputCost(tokens, [{ width: 512, height: 512 }], 'make it sepia');
    expect(cost?.tokens).toBe(255 + 4);
    expect(cost?.amount).toBeCloseTo((255 * 10 + 4 * 5) / 1e6, 10);
    const perImage = { currency: 'USD', billing: 'image' as const, perImage: [{ price: 0.04 }] };
    expect(estimateInputCost(perImage, [{ width: 512, height: 512 }], 'x')).toBeUndefined();
  });
});
