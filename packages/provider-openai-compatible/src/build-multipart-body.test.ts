import { describe, expect, it } from 'vitest';
import { editCall, imageFile, solidPng, specProperties } from './__fixtures__/test-images.js';
import { buildMultipartBody, buildMultipartParts } from './build-multipart-body.js';
import { builtInModels, permissiveModel } from './openai-compatible-models.js';

const model = (id: string) => builtInModels.find((entry) => entry.info.id === id)!;

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const everyOption = editCall({
  model: 'gpt-image-2',
  images: [imageFile(new Uint8Array([1])), imageFile(new Uint8Array([2]))],
  mask: imageFile(new Uint8Array([3]), { filename: 'mask.png' }),
  n: 2,
  size: '1536x864',
  quality: 'high',
  background: 'transparent',
  outputFormat: 'webp',
  outputCompression: 80,
  inputFidelity: 'high',
  user: 'user-1234',
  partialImages: 2,
});

describe('buildMultipartParts', () => {
  it('uses only field names that CreateImageEditRequest defines', () => {
    const { parts } = buildMultipartParts(everyOption, {
      model: model('gpt-image-2'),
      providerOptions: {},
      stream: true,
      imageFieldStyle: 'auto',
    });
    const dallE2 = buildMultipartParts(editCall({ model: 'dall-e-2', quality: 'standard' }), {
      model: model('dall-e-2'),
      providerOptions: {},
      stream: false,
      imageFieldStyle: 'auto',
    }).parts;
    const allowed = specProperties('CreateImageEditRequest');
    const names = new Set([...parts, ...dallE2].map((part) => part.name.replace(/\[\]$/, '')));
    for (const name of names) expect(allowed).toContain(name);
    expect([...names].sort()).toEqual(
      [
        'background',
        'image',
        'input_fidelity',
        'mask',
        'model',
        'n',
        'output_compression',
        'output_format',
        'partial_images',
        'prompt',
        'quality',
        'response_format',
        'size',
        'stream',
        'user',
      ].sort(),
    );
  });

  it('sends every option as the spec spells it', () => {
    const { parts } = buildMultipartParts(everyOption, {
      model: model('gpt-image-2'),
      providerOptions: {},
      stream: true,
      imageFieldStyle: 'auto',
    });
    const values = Object.fromEntries(
      parts.flatMap((part) => ('value' in part ? [[part.name, part.value]] : [])),
    );
    expect(values).toEqual({
      model: 'gpt-image-2',
      prompt: 'make it grayscale',
      n: '2',
      size: '1536x864',
      quality: 'high',
      background: 'transparent',
      output_format: 'webp',
      output_compression: '80',
      input_fidelity: 'high',
      user: 'user-1234',
      stream: 'true',
      partial_images: '2',
    });
  });

  it('names one input `image` and several `image[]`, unless a form is forced', () => {
    const names = (count: number, imageFieldStyle: 'auto' | 'image' | 'image[]') =>
      buildMultipartParts(
        editCall({ images: Array.from({ length: count }, () => imageFile(new Uint8Array([1]))) }),
        { model: model('gpt-image-1'), providerOptions: {}, stream: false, imageFieldStyle },
      )
        .parts.filter((part) => 'file' in part)
        .map((part) => part.name);
    expect(names(1, 'auto')).toEqual(['image']);
    expect(names(3, 'auto')).toEqual(['image[]', 'image[]', 'image[]']);
    expect(names(1, 'image[]')).toEqual(['image[]']);
    expect(names(2, 'image')).toEqual(['image', 'image']);
  });

  it('sends response_format only to dall-e-2, and GPT-only fields never to it', () => {
    const dallE2 = buildMultipartParts(
      editCall({ model: 'dall-e-2', outputFormat: 'png', background: 'auto' }),
      { model: model('dall-e-2'), providerOptions: {}, stream: false, imageFieldStyle: 'auto' },
    ).parts.map((part) => part.name);
    expect(dallE2).toContain('response_format');
    expect(dallE2).not.toContain('output_format');
    expect(dallE2).not.toContain('background');
    for (const id of ['gpt-image-1', 'gpt-image-2']) {
      const parts = buildMultipartParts(editCall({ model: id }), {
        model: model(id),
        providerOptions: { responseFormat: 'url' },
        stream: false,
        imageFieldStyle: 'auto',
      }).parts;
      expect(parts.map((part) => part.name)).not.toContain('response_format');
    }
  });

  it('leaves unset options off the wire', () => {
    const { parts } = buildMultipartParts(editCall(), {
      model: permissiveModel('some-gateway-model'),
      providerOptions: {},
      stream: false,
      imageFieldStyle: 'auto',
    });
    expect(parts.map((part) => part.name)).toEqual(['model', 'prompt', 'n', 'image']);
  });

  it('warns that JSON-only provider options were not sent', () => {
    const { parts, warnings } = buildMultipartParts(editCall(), {
      model: model('gpt-image-1'),
      providerOptions: { moderation: 'low', imageRefs: [{ file_id: 'file-1' }] },
      stream: false,
      imageFieldStyle: 'auto',
    });
    expect(parts.map((part) => part.name)).not.toContain('moderation');
    expect(
      warnings.map((warning) => warning.type === 'unsupported-option' && warning.option),
    ).toEqual(['providerOptions.moderation', 'providerOptions.imageRefs']);
  });
});

describe('buildMultipartBody', () => {
  it('streams file parts from ImageFile.stream() with filename and content type, never buffering', async () => {
    const png = await solidPng(300, 200);
    const input = imageFile(png, { filename: 'hero.png' });
    const mask = imageFile(png, { filename: 'mask.png' });
    const { body } = buildMultipartBody(editCall({ images: [input], mask }), {
      model: model('gpt-image-1'),
      providerOptions: {},
      stream: false,
      imageFieldStyle: 'auto',
    });
    const bytes = await readAll(body.stream());
    expect(bytes.byteLength).toBe(body.contentLength);
    const text = bytes.toString('latin1');
    expect(text).toContain('name="image"; filename="hero.png"\r\nContent-Type: image/png');
    expect(text).toContain('name="mask"; filename="mask.png"\r\nContent-Type: image/png');
    expect(bytes.indexOf(png)).toBeGreaterThan(0);
    expect(input.bytesCalls).toBe(0);
    expect(mask.bytesCalls).toBe(0);
  });
});
