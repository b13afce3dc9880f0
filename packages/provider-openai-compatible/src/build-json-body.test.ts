import { describe, expect, it } from 'vitest';
import { editCall, imageFile, specProperties } from './__fixtures__/test-images.js';
import { buildJsonBody } from './build-json-body.js';
import { builtInModels } from './openai-compatible-models.js';

const gptImage15 = builtInModels.find((model) => model.info.id === 'gpt-image-1.5')!;

describe('buildJsonBody', () => {
  it('sends inputs as data URLs, then references, with EditImageBodyJsonParam names only', async () => {
    const call = editCall({
      model: 'gpt-image-1.5',
      images: [
        imageFile(new Uint8Array([137, 80, 78, 71])),
        imageFile(new Uint8Array([255, 216, 255]), { mediaType: 'image/jpeg' }),
      ],
      mask: imageFile(new Uint8Array([9, 9])),
      size: '1024x1536',
      quality: 'low',
      outputFormat: 'jpeg',
      outputCompression: 50,
      partialImages: 1,
    });
    const body = JSON.parse(
      await buildJsonBody(call, {
        model: gptImage15,
        providerOptions: {
          moderation: 'low',
          imageRefs: [{ image_url: 'https://example.com/a.png' }, { file_id: 'file-abc123' }],
        },
        stream: true,
      }),
    );
    const allowed = specProperties('EditImageBodyJsonParam');
    for (const key of Object.keys(body)) expect(allowed).toContain(key);
    expect(body.images).toEqual([
      { image_url: `data:image/png;base64,${Buffer.from([137, 80, 78, 71]).toString('base64')}` },
      { image_url: `data:image/jpeg;base64,${Buffer.from([255, 216, 255]).toString('base64')}` },
      { image_url: 'https://example.com/a.png' },
      { file_id: 'file-abc123' },
    ]);
    expect(body.mask).toEqual({ image_url: 'data:image/png;base64,CQk=' });
    expect(body).toMatchObject({
      model: 'gpt-image-1.5',
      n: 1,
      size: '1024x1536',
      quality: 'low',
      output_format: 'jpeg',
      output_compression: 50,
      moderation: 'low',
      stream: true,
      partial_images: 1,
    });
  });

  it('takes a mask by reference when no mask file was given', async () => {
    const body = JSON.parse(
      await buildJsonBody(editCall(), {
        model: gptImage15,
        providerOptions: { maskRef: { file_id: 'file-mask123' } },
        stream: false,
      }),
    );
    expect(body.mask).toEqual({ file_id: 'file-mask123' });
    expect(body).not.toHaveProperty('stream');
    expect(body).not.toHaveProperty('moderation');
  });
});
