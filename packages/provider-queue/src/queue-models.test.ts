import { readFileSync } from 'node:fs';
import { modelCapabilitiesSchema } from '@retouch/core/provider';
import { describe, expect, it } from 'vitest';
import builtInData from './models/queue-models.json' with { type: 'json' };
import { buildModelCatalog, knownQueueModels, parseQueueModelData } from './queue-models.js';

describe('queue model data', () => {
  it('validates, with core’s capability schema and a dated source for every endpoint', () => {
    const models = parseQueueModelData(builtInData);
    expect(models.map((model) => model.id)).toEqual(knownQueueModels.map((model) => model.id));
    for (const model of models) {
      expect(modelCapabilitiesSchema.safeParse(model.capabilities).success, model.id).toBe(true);
      expect(model.wire).toBe('queue');
    }
    for (const entry of builtInData.models)
      expect(Object.keys(entry.facts)).toContain('capabilities');
  });

  it('is where the endpoints live: the code names none of them', () => {
    const code = readFileSync(new URL('./queue-models.ts', import.meta.url), 'utf8');
    expect(code).not.toMatch(/fal-ai\/|gpt_image/);
  });

  it('refuses broken data, naming the problem', () => {
    const broken = JSON.parse(JSON.stringify(builtInData));
    broken.models[0].capabilities.maxInputImages = 0;
    expect(() => parseQueueModelData(broken)).toThrow(/models\.0\.capabilities\.maxInputImages/);
  });
});

describe('buildModelCatalog', () => {
  it('lists the known endpoints with their field names', () => {
    const catalog = buildModelCatalog([]);
    expect(catalog.models.map((m) => m.id)).toContain('gpt_image_1_edit');
    expect(catalog.fieldsFor('gpt_image_1_edit')).toMatchObject({
      images: 'images',
      mask: 'mask',
      n: 'n',
    });
    expect(catalog.fieldsFor('fal-ai/nano-banana/edit')).toMatchObject({
      images: 'image_urls',
      n: 'num_images',
      mask: null,
    });
  });

  it('accepts unknown endpoints permissively, with a warning naming the fix', () => {
    const described = buildModelCatalog([]).describe('acme/new-model/edit');
    expect(described?.model.capabilities.maxImagesPerCall).toBe(1);
    expect(described?.warning).toMatchObject({
      type: 'unknown-model',
      model: 'acme/new-model/edit',
    });
    expect(described?.warning?.message).toContain('models');
    expect(buildModelCatalog([]).describe('../etc')).toBeUndefined();
  });

  it('overlays configured models on known ones and adds new ones', () => {
    const catalog = buildModelCatalog([
      { id: 'gpt_image_1_edit', capabilities: { maxImagesPerCall: 1 } },
      {
        id: 'acme/edit',
        displayName: 'Acme',
        capabilities: { mask: false },
        fields: { images: 'image_urls', n: null },
      },
    ]);
    const known = catalog.models.find((m) => m.id === 'gpt_image_1_edit');
    expect(known?.capabilities).toMatchObject({ maxImagesPerCall: 1, maxPromptLength: 32_000 });
    expect(catalog.models.find((m) => m.id === 'acme/edit')).toMatchObject({
      displayName: 'Acme',
      capabilities: { mask: false },
    });
    expect(catalog.fieldsFor('acme/edit')).toMatchObject({
      images: 'image_urls',
      n: null,
      mask: 'mask',
    });
  });
});
