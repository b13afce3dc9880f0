import { describe, expect, it } from 'vitest';
import { estimateSend } from './estimate-send.js';

const tokens = {
  currency: 'USD',
  billing: 'tokens' as const,
  tokensPerMillion: { textInput: 5, imageInput: 10, imageOutput: 40 },
  perImage: [{ price: 0.04 }],
};

describe('estimateSend', () => {
  it('adds the input tokens of a token-billed model to the output images, in plain words', () => {
    const one = estimateSend({
      model: 'gpt-image-1',
      pricing: tokens,
      options: { n: 1 },
      images: [],
      prompt: '',
    });
    const withInputs = estimateSend({
      model: 'gpt-image-1',
      pricing: tokens,
      options: { n: 3 },
      images: [{ width: 6000, height: 4000 }],
      prompt: 'make it sepia',
    });
    expect(withInputs.amount).toBeGreaterThan(3 * (one.amount ?? 0));
    expect(withInputs.text).toMatch(
      /^about \$[\d.]+ \(3 images \$[\d.]+ \+ inputs \$[\d.]+, about [\d,]+ tokens\)$/,
    );
  });

  it('says so when no prices are known, with no amount to confirm against', () => {
    const estimate = estimateSend({ model: 'mystery', options: {}, images: [], prompt: 'x' });
    expect(estimate.amount).toBeUndefined();
    expect(estimate.text).toBe('cost unknown: no prices are known for this model');
  });
});
