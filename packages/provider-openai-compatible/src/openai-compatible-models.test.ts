import { readFileSync } from 'node:fs';
import { modelCapabilitiesSchema } from '@retouch/core/provider';
import { checkCapabilities } from '@retouch/core/testing';
import { describe, expect, it } from 'vitest';
import { specModelEnum } from './__fixtures__/test-images.js';
import { builtInModelData, parseModelData } from './models/model-data.js';
import { builtInModels, resolveModelTable } from './openai-compatible-models.js';

const byId = (id: string) => builtInModels.find((model) => model.info.id === id)!;

describe('built-in model data', () => {
  it('validates against the schema, and every capability set against core’s schema and checks', () => {
    const data = parseModelData(builtInModelData);
    for (const model of data.models) {
      expect(modelCapabilitiesSchema.safeParse(model.capabilities).success, model.id).toBe(true);
    }
    expect(builtInModels.flatMap((model) => checkCapabilities(model.info))).toEqual([]);
  });

  it('names a dated source for every model’s capabilities, and for every lifecycle', () => {
    const data = parseModelData(builtInModelData);
    for (const model of data.models) {
      expect(Object.keys(model.facts), model.id).toContain('capabilities');
      if (model.lifecycle?.shutdownDate) expect(Object.keys(model.facts)).toContain('lifecycle');
    }
    for (const source of Object.values(data.sources)) expect(source.checked).toMatch(/^\d{4}-/);
  });

  it('holds the facts, so the TypeScript holds no model ids', () => {
    const code = readFileSync(new URL('./openai-compatible-models.ts', import.meta.url), 'utf8');
    expect(code).not.toMatch(/gpt-image|dall-e|gemini/);
  });

  it('covers every model the spec lists for /images/edits', () => {
    const ids = builtInModels.map((model) => model.info.id);
    for (const id of specModelEnum('CreateImageEditRequest')) expect(ids).toContain(id);
  }, 60_000);

  it('puts the current model first, so it is the default', () => {
    expect(builtInModels[0]?.info.id).toBe('gpt-image-2');
    expect(byId('gpt-image-2').info.lifecycle?.shutdownDate).toBeUndefined();
  });

  it('lets gpt-image-2 take any WxH with edges divisible by 16, 655,360 to 3840x2160 pixels, up to 3:1', () => {
    for (const id of ['gpt-image-2', 'gpt-image-2-2026-04-21']) {
      expect(byId(id).info.capabilities.sizes.custom).toEqual({
        multipleOf: 16,
        maxAspectRatio: 3,
        maxEdge: 3840,
        minPixels: 655_360,
        maxPixels: 3840 * 2160,
      });
    }
    expect(byId('gpt-image-1').info.capabilities.sizes.custom).toBeUndefined();
  });

  it('records the announced shutdowns and their replacement', () => {
    expect(byId('dall-e-2').info.lifecycle).toEqual({
      status: 'deprecated',
      deprecationDate: '2025-11-14',
      shutdownDate: '2026-05-12',
      replacement: 'gpt-image-2',
    });
    for (const id of ['gpt-image-1.5', 'gpt-image-1-mini', 'chatgpt-image-latest']) {
      expect(byId(id).info.lifecycle).toMatchObject({
        shutdownDate: '2026-12-01',
        replacement: 'gpt-image-2',
      });
    }
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

  it('serves the gateway image model over chat, one image per call', () => {
    const gemini = byId('google/gemini-2.5-flash-image');
    expect(gemini.info.wire).toBe('chat');
    expect(gemini.info.capabilities).toMatchObject({ maxImagesPerCall: 1, qualities: [] });
  });
});

describe('resolveModelTable', () => {
  it('adds a gateway model over the permissive default, with its own body mode', () => {
    const table = resolveModelTable({
      custom: [
        {
          id: 'flux-kontext-pro',
          capabilities: { maxInputImages: 1, sizes: { presets: ['1024x1024'] } },
          bodyMode: 'json',
        },
      ],
    });
    const flux = table.find((model) => model.info.id === 'flux-kontext-pro')!;
    expect(flux.bodyMode).toBe('json');
    expect(flux.info.capabilities.maxInputImages).toBe(1);
    expect(flux.info.capabilities.sizes).toEqual({ presets: ['1024x1024'] });
    expect(flux.info.capabilities.mask).toBe(true);
    expect(flux.info.wire).toBe('images');
  });

  it('overrides a built-in id without touching the shared table', () => {
    const table = resolveModelTable({
      custom: [{ id: 'gpt-image-2', capabilities: { maxInputImages: 4 } }],
    });
    const gptImage2 = table.find((model) => model.info.id === 'gpt-image-2')!;
    expect(gptImage2.info.capabilities.maxInputImages).toBe(4);
    expect(gptImage2.info.capabilities.sizes.custom?.multipleOf).toBe(16);
    expect(byId('gpt-image-2').info.capabilities.maxInputImages).toBe(16);
  });

  it('picks the wire: the model’s configured one, then the provider-wide one, then the data’s', () => {
    const table = resolveModelTable({
      wire: 'chat',
      custom: [
        { id: 'gpt-image-1', capabilities: {}, wire: 'images' },
        { id: 'gateway/edit', capabilities: { maxImagesPerCall: 4 } },
      ],
    });
    const wireOf = (id: string) => table.find((model) => model.info.id === id)!.info;
    expect(wireOf('gpt-image-1').wire).toBe('images');
    expect(wireOf('gpt-image-2').wire).toBe('chat');
    expect(wireOf('gateway/edit').wire).toBe('chat');
    expect(
      resolveModelTable({ custom: [] }).find((m) => m.info.id === 'gpt-image-2')!.info.wire,
    ).toBe('images');
  });

  it('gives a model moved to chat only what chat can carry, one image per call unless configured', () => {
    const table = resolveModelTable({
      wire: 'chat',
      custom: [{ id: 'gateway/edit', capabilities: { maxImagesPerCall: 4 } }],
    });
    const gptImage2 = table.find((model) => model.info.id === 'gpt-image-2')!.info.capabilities;
    expect(gptImage2).toMatchObject({
      sizes: { presets: [] },
      qualities: [],
      backgrounds: [],
      outputFormats: [],
      inputFidelity: false,
      streaming: { partialImages: 1 },
      maxImagesPerCall: 1,
      mask: true,
      maxInputImages: 16,
    });
    expect(
      table.find((m) => m.info.id === 'gateway/edit')!.info.capabilities.maxImagesPerCall,
    ).toBe(4);
  });

  it('takes a lifecycle from configuration', () => {
    const table = resolveModelTable({
      custom: [{ id: 'gpt-image-2', capabilities: {}, lifecycle: { shutdownDate: '2030-01-01' } }],
    });
    expect(table.find((m) => m.info.id === 'gpt-image-2')!.info.lifecycle).toEqual({
      status: 'active',
      shutdownDate: '2030-01-01',
    });
  });
});
