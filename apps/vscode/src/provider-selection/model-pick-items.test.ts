import { builtInModels } from '@retouch/provider-openai-compatible';
import { describe, expect, it } from 'vitest';
import { modelPickItems } from './model-pick-items.js';

const now = new Date('2026-11-23T12:00:00Z');
const infos = builtInModels.map((model) => model.info);

describe('modelPickItems', () => {
  it('puts the selected model first and says what each one can do', () => {
    const items = modelPickItems(infos, { first: 'gpt-image-1', selected: 'gpt-image-1' }, now);
    expect(items[0]).toMatchObject({
      modelId: 'gpt-image-1',
      description: 'GPT Image 1 · selected',
    });
    expect(items[0]?.detail).toBe(
      'mask · up to 16 input images · n 1–10 · png/jpeg/webp · partial images',
    );
  });

  it('marks no model "selected" under a provider that is not the one in use', () => {
    const items = modelPickItems(infos, { first: 'gpt-image-2' }, now);
    expect(items[0]?.modelId).toBe('gpt-image-2');
    expect(items.some((item) => item.description?.includes('selected'))).toBe(false);
  });

  it('flags models that are shut down or shutting down, with the replacement', () => {
    const byId = new Map(modelPickItems(infos, {}, now).map((item) => [item.modelId, item]));
    expect(byId.get('dall-e-2')?.description).toBe('DALL·E 2 · shut down');
    expect(byId.get('dall-e-2')?.detail).toMatch(
      /^\$\(warning\) dall-e-2 was shut down on 2026-05-12, so the server will probably refuse it\. Use gpt-image-2 instead\. /,
    );
    expect(byId.get('gpt-image-1.5')?.description).toBe('GPT Image 1.5 · shuts down 2026-12-01');
    expect(byId.get('gpt-image-2')?.detail).not.toContain('$(warning)');
  });

  it('says when a model is served over chat completions', () => {
    const gemini = modelPickItems(infos, {}, now).find(
      (item) => item.modelId === 'google/gemini-2.5-flash-image',
    );
    expect(gemini?.detail).toMatch(/^via chat completions · mask/);
  });
});
