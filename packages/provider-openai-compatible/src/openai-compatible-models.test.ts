import { describe, expect, it } from 'vitest';
import { specModelEnum } from './__fixtures__/test-images.js';
import { builtInModels, resolveModelTable } from './openai-compatible-models.js';

const byId = (id: string) => builtInModels.find((model) => model.info.id === id)!;

describe('built-in capability table', () => {
  it('covers every model the spec lists for /images/edits', () => {
    const ids = builtInModels.map((model) => model.info.id);
    for (const id of specModelEnum('CreateImageEditRequest')) expect(ids).toContain(id);
  });

  it('lets gpt-image-2 take any WxH with edges divisible by 16, up to 3840x2160 and 3:1', () => {
    for (const id of ['gpt-image-2', 'gpt-image-2-2026-04-21']) {
      expect(byId(id).info.capabilities.sizes.custom).toEqual({
        multipleOf: 16,
        maxAspectRatio: 3,
        maxEdge: 3840,
        maxPixels: 3840 * 2160,
      });
    }
    expect(byId('gpt-image-1').info.capabilities.sizes.custom).toBeUndefined();
  });

  it('limits dall-e-2 to one PNG under 4 MB, square sizes, multipart and response_format', () => {
    const dallE2 = byId('dall-e-2');
    expect(dallE2.info.capabilities).toMatchObject({
      maxInputImages: 1,
      inputMediaTypes: ['image/png'],
      maxInputBytes: 4 * 1024 * 1024,
      sizes: { presets: ['256x256', '512x512', '1024x1024'] },
      streaming: false,
      maxPromptLength: 1000,
    });
    expect(dallE2.bodyMode).toBe('multipart');
    expect(dallE2.responseFormat).toBe(true);
    expect(builtInModels.filter((model) => model.responseFormat)).toHaveLength(1);
  });

  it('gives GPT image models 16 inputs under 50 MB, n 1–10 and up to 3 partial images', () => {
    for (const id of ['gpt-image-1.5', 'gpt-image-1', 'gpt-image-1-mini', 'chatgpt-image-latest']) {
      expect(byId(id).info.capabilities).toMatchObject({
        maxInputImages: 16,
        maxInputBytes: 50 * 1024 * 1024,
        n: { min: 1, max: 10 },
        streaming: { partialImages: 3 },
      });
    }
    expect(byId('gpt-image-1-mini').info.capabilities.inputFidelity).toBe(false);
    expect(byId('gpt-image-1.5').info.capabilities.inputFidelity).toBe(true);
  });
});

describe('resolveModelTable', () => {
  it('adds a gateway model over the permissive default, with its own body mode', () => {
    const table = resolveModelTable([
      {
        id: 'flux-kontext-pro',
        capabilities: { maxInputImages: 1, sizes: { presets: ['1024x1024'] } },
        bodyMode: 'json',
      },
    ]);
    const flux = table.find((model) => model.info.id === 'flux-kontext-pro')!;
    expect(flux.bodyMode).toBe('json');
    expect(flux.info.capabilities.maxInputImages).toBe(1);
    expect(flux.info.capabilities.sizes).toEqual({ presets: ['1024x1024'] });
    expect(flux.info.capabilities.mask).toBe(true);
  });

  it('overrides a built-in id without touching the shared table', () => {
    const table = resolveModelTable([{ id: 'gpt-image-2', capabilities: { maxInputImages: 4 } }]);
    const gptImage2 = table.find((model) => model.info.id === 'gpt-image-2')!;
    expect(gptImage2.info.capabilities.maxInputImages).toBe(4);
    expect(gptImage2.info.capabilities.sizes.custom?.multipleOf).toBe(16);
    expect(byId('gpt-image-2').info.capabilities.maxInputImages).toBe(16);
  });
});
