import { describe, expect, it } from 'vitest';
import type { EditImageResult } from '../contract/edit-request.js';
import { costOfEdit } from './cost-of-edit.js';
import { totalCost } from './edit-cost.js';
import { estimateEditCost } from './estimate-cost.js';
import { formatMoney } from './format-money.js';
import type { ModelPricing } from './model-pricing.js';
import { parsePricingOverrides, pricingFor } from './resolve-pricing.js';

// gpt-image-1 as OpenAI's model page lists it.
const gptImage1: ModelPricing = {
  currency: 'USD',
  billing: 'tokens',
  tokensPerMillion: {
    textInput: 5,
    cachedTextInput: 1.25,
    imageInput: 10,
    cachedImageInput: 2.5,
    imageOutput: 40,
  },
  perImage: [
    { quality: 'low', size: '1024x1024', price: 0.011 },
    { quality: 'low', size: '1024x1536', price: 0.016 },
    { quality: 'medium', size: '1024x1024', price: 0.042 },
    { quality: 'medium', size: '1024x1536', price: 0.063 },
    { quality: 'high', size: '1024x1024', price: 0.167 },
    { quality: 'high', size: '1024x1536', price: 0.25 },
  ],
  source: { title: 'OpenAI model page', checked: '2026-11-23' },
};

const result = (overrides: Partial<EditImageResult> = {}): EditImageResult => ({
  provider: 'openai-compatible',
  model: 'gpt-image-1',
  images: [{ data: new Uint8Array(), mediaType: 'image/png', width: 1024, height: 1024 }],
  calls: [{ echoed: { quality: 'medium' } }],
  warnings: [],
  ...overrides,
});

describe('estimateEditCost', () => {
  it('prices the output images at the listed price for the size and quality asked', () => {
    const estimate = estimateEditCost({
      model: 'gpt-image-1',
      pricing: gptImage1,
      n: 2,
      size: '1024x1024',
      quality: 'medium',
    });
    expect(estimate).toMatchObject({ kind: 'estimate', amount: 0.084, currency: 'USD' });
    expect(estimate.kind === 'estimate' && estimate.basis).toMatch(/input tokens come on top/);
  });

  it('takes the highest price that could apply when the quality or size is left to the model', () => {
    const estimate = estimateEditCost({ model: 'gpt-image-1', pricing: gptImage1 });
    expect(estimate).toMatchObject({ amount: 0.25 });
    expect(estimate.kind === 'estimate' && estimate.basis).toMatch(
      /highest listed price \(quality left to the model, size left to the model\)/,
    );
  });

  it('says why when it cannot estimate', () => {
    expect(estimateEditCost({ model: 'x' })).toMatchObject({
      kind: 'unknown',
      reason: expect.stringMatching(/no prices are known for x/),
    });
    const tokensOnly = { ...gptImage1, perImage: undefined };
    expect(estimateEditCost({ model: 'x', pricing: tokensOnly })).toMatchObject({
      kind: 'unknown',
    });
  });
});

describe('costOfEdit', () => {
  it('prices reported token usage per class', () => {
    const cost = costOfEdit({
      pricing: gptImage1,
      result: result({
        usage: {
          inputTokens: 1100,
          outputTokens: 4160,
          totalTokens: 5260,
          details: { input_tokens_details: { text_tokens: 100, image_tokens: 1000 } },
        },
      }),
    });
    // 100 × $5 + 1000 × $10 + 4160 × $40, per million.
    expect(cost).toMatchObject({ kind: 'actual', basis: 'usage', pricesChecked: '2026-11-23' });
    expect(cost.kind === 'actual' && cost.amount).toBeCloseTo(0.1769, 6);
  });

  it('says "unknown" when no usage was reported, with an estimate labelled as one', () => {
    const cost = costOfEdit({ pricing: gptImage1, result: result() });
    expect(cost).toEqual({
      kind: 'unknown',
      reason: 'the provider reported no token usage',
      estimate: { amount: 0.042, currency: 'USD' },
    });
  });

  it('will not guess how input tokens split between text and image', () => {
    const cost = costOfEdit({
      pricing: gptImage1,
      result: result({ usage: { inputTokens: 50, outputTokens: 10 } }),
    });
    expect(cost).toMatchObject({
      kind: 'unknown',
      reason: expect.stringMatching(/text and how many image/),
    });
  });

  it('prices image-billed models by the images returned', () => {
    const pricing: ModelPricing = {
      currency: 'USD',
      billing: 'image',
      perImage: [
        { size: '256x256', price: 0.016 },
        { size: '1024x1024', price: 0.02 },
      ],
    };
    const two = result({ images: [...result().images, ...result().images] });
    expect(costOfEdit({ pricing, result: two })).toMatchObject({
      kind: 'actual',
      amount: 0.04,
      basis: 'images',
    });
    const odd = result({
      images: [{ data: new Uint8Array(), mediaType: 'image/png', width: 640, height: 480 }],
    });
    expect(costOfEdit({ pricing, result: odd })).toMatchObject({ kind: 'unknown' });
  });
});

describe('cost display and totals', () => {
  it('formats amounts so small ones stay readable', () => {
    expect(formatMoney(0.0421)).toBe('$0.0421');
    expect(formatMoney(0.25)).toBe('$0.25');
    expect(formatMoney(12.5)).toBe('$12.50');
    expect(formatMoney(0.5, 'EUR')).toBe('0.50 EUR');
  });

  it('adds up known costs and counts the unknown ones apart', () => {
    const total = totalCost([
      { kind: 'actual', amount: 0.1, currency: 'USD', basis: 'usage' },
      { kind: 'unknown', reason: 'no usage', estimate: { amount: 0.05, currency: 'USD' } },
    ]);
    expect(total).toEqual({ amount: 0.1, currency: 'USD', unknown: 1, estimatedUnknown: 0.05 });
  });
});

describe('configured prices', () => {
  it('win over the data, and a wrong entry is named exactly', () => {
    const overrides = parsePricingOverrides(
      { 'gpt-image-1': { currency: 'USD', billing: 'image', perImage: [{ price: 0.01 }] } },
      'pricing',
    );
    expect(pricingFor({ id: 'gpt-image-1', pricing: gptImage1 }, overrides)?.billing).toBe('image');
    expect(pricingFor({ id: 'other', pricing: gptImage1 }, overrides)).toBe(gptImage1);
    expect(() =>
      parsePricingOverrides({ 'gpt-image-1': { currency: 'USD', billing: 'tokens' } }, 'pricing'),
    ).toThrow(/pricing\.gpt-image-1\.tokensPerMillion/);
  });
});
