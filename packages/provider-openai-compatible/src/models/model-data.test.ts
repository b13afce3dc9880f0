import { editImage } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, testApiKey } from '../__fixtures__/emulator-fixture.js';
import { rejection } from '../__fixtures__/rejection.js';
import { solidPng } from '../__fixtures__/test-images.js';
import { openAICompatibleConfigSchema } from '../openai-compatible-config.js';
import { createProviderFromData } from '../openai-compatible-provider.js';
import { builtInModelData, parseModelData } from './model-data.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());

/** The shipped data as JSON text, edited as a maintainer would edit the file, then loaded. */
// biome-ignore lint/suspicious/noExplicitAny: the test edits free-form JSON, as a person edits the file
function editedData(edit: (json: { models: Array<Record<string, any>> }) => void) {
  const json = JSON.parse(JSON.stringify(builtInModelData));
  edit(json);
  return parseModelData(json);
}

const config = () =>
  openAICompatibleConfigSchema.parse({ baseURL: `${emulator.url}/v1`, apiKey: testApiKey });

describe('capabilities are data', () => {
  it('changes what the engine accepts and which wire is used with a data edit alone', async () => {
    const data = editedData((json) => {
      const gptImage2 = json.models.find((model) => model.id === 'gpt-image-2')!;
      gptImage2.capabilities.maxInputImages = 1;
      json.models.push({
        ...json.models.find((model) => model.id === 'google/gemini-2.5-flash-image'),
        id: 'retouch-emulator/chat-image',
        displayName: 'A model added by a data change',
      });
    });
    const provider = createProviderFromData(config(), {}, data);
    const red = await solidPng(64, 64);

    const refused = await rejection(
      editImage({ provider, model: 'gpt-image-2', prompt: 'invert', images: [red, red] }),
    );
    expect(refused.code).toBe('invalid_request');
    expect(refused.message).toContain('gpt-image-2 takes at most 1');
    expect(emulator.requests).toHaveLength(0);

    const added = await editImage({
      provider,
      model: 'retouch-emulator/chat-image',
      prompt: 'invert',
      images: red,
    });
    expect(added.warnings).toEqual([]);
    expect(emulator.requests.map((request) => request.route)).toEqual(['chat.completions']);
  });

  it('refuses broken data at load, naming the problem', () => {
    expect(() =>
      editedData((json) => {
        json.models[0]!.capabilities.n = { min: 0, max: 10 };
        json.models[1]!.facts = { capabilities: 'a-blog-post' };
      }),
    ).toThrow(/models\.0\.capabilities\.n\.min/);
  });
});

describe('prices are data', () => {
  it('reach the engine with the model, each with its source and the day it was checked', () => {
    const provider = createProviderFromData(config(), {}, parseModelData(builtInModelData));
    const priced = provider.models.filter((model) => model.pricing);
    expect(priced.map((model) => model.id)).toEqual(
      expect.arrayContaining(['gpt-image-2', 'gpt-image-1', 'gpt-image-1-mini', 'dall-e-2']),
    );
    for (const model of priced) {
      expect(model.pricing?.source).toMatchObject({
        checked: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
    }
    const gptImage1 = provider.models.find((model) => model.id === 'gpt-image-1')!;
    expect(gptImage1.pricing?.tokensPerMillion).toMatchObject({ imageInput: 10, imageOutput: 40 });
    expect(gptImage1.pricing?.perImage).toContainEqual({
      quality: 'high',
      size: '1024x1024',
      price: 0.167,
    });
  });

  it('refuses a data file whose prices are malformed, naming the entry', () => {
    expect(() =>
      editedData((json) => {
        json.models[0]!.pricing = { currency: 'dollars', billing: 'image', perImage: [] };
      }),
    ).toThrow(/models\.0\.pricing\.currency/);
  });
});
