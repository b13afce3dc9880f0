import { describe, expect, it } from 'vitest';
import { createTestProvider, png, testModels } from './__fixtures__/test-provider.js';
import { editImage } from './edit-image.js';

const photo = await png(64, 48);

describe('editImage and model lifecycle', () => {
  it('warns about a model past its shutdown date before calling the provider, then still sends', async () => {
    const order: string[] = [];
    const provider = createTestProvider({
      models: [
        {
          ...testModels[0]!,
          id: 'retired-model',
          lifecycle: { shutdownDate: '2020-01-31', replacement: 'test-model' },
        },
      ],
      edit: async (call) => {
        order.push('edit');
        const image = new Uint8Array(await png(8, 6));
        return { images: Array.from({ length: call.n }, () => ({ data: image })) };
      },
    });
    const result = await editImage({
      provider,
      model: 'retired-model',
      prompt: 'sepia',
      images: photo,
      onProgress: (event) => order.push(event.type),
    });
    expect(order.indexOf('warning')).toBeLessThan(order.indexOf('edit'));
    expect(order[0]).toBe('warning');
    expect(result.warnings).toEqual([
      {
        type: 'model-lifecycle',
        model: 'retired-model',
        shutdownDate: '2020-01-31',
        replacement: 'test-model',
        message:
          'retired-model was shut down on 2020-01-31, so the server will probably refuse it. Use test-model instead.',
      },
    ]);
  });

  it('warns for a described (unlisted) model with a shutdown date too, after the unknown-model warning', async () => {
    const provider = createTestProvider({
      describeModel: (id) => ({
        model: { ...testModels[0]!, id, lifecycle: { shutdownDate: '2021-06-01' } },
      }),
    });
    const result = await editImage({ provider, model: 'gateway/old', prompt: 'x', images: photo });
    expect(result.warnings.map((warning) => warning.type)).toEqual([
      'unknown-model',
      'model-lifecycle',
    ]);
  });

  it('says nothing about an active model or a distant shutdown', async () => {
    const provider = createTestProvider({
      models: [{ ...testModels[0]!, lifecycle: { status: 'active', shutdownDate: '2999-01-01' } }],
    });
    const result = await editImage({ provider, model: 'test-model', prompt: 'x', images: photo });
    expect(result.warnings).toEqual([]);
  });
});
