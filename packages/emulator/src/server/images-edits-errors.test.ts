import { describe, expect, it } from 'vitest';
import { form, useEmulator } from '../test-support/emulator.js';
import { leftHalfMask, solid, squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator();
const post = (body: FormData | string, headers: Record<string, string> = {}) =>
  fetch(`${emulator().url}/v1/images/edits`, { method: 'POST', body, headers });
const json = (value: unknown) =>
  post(JSON.stringify(value), { 'content-type': 'application/json' });

describe('POST /v1/images/edits errors', () => {
  const cases: Array<
    [string, () => Promise<FormData | Record<string, unknown>>, string | null, string | null]
  > = [
    [
      'missing prompt',
      async () => form({ image: await squareOnWhite(8) }),
      'prompt',
      'missing_required_parameter',
    ],
    ['missing image', async () => form({ prompt: 'x' }), 'image', 'missing_required_parameter'],
    [
      'n above 10',
      async () => form({ image: await squareOnWhite(8), prompt: 'x', n: '11' }),
      'n',
      'invalid_value',
    ],
    [
      'bad quality',
      async () => form({ image: await squareOnWhite(8), prompt: 'x', quality: 'ultra' }),
      'quality',
      'invalid_value',
    ],
    [
      'unknown field',
      async () => form({ image: await squareOnWhite(8), prompt: 'x', colour: 'red' }),
      'colour',
      'unknown_parameter',
    ],
    [
      'partial_images above 3',
      async () => form({ image: await squareOnWhite(8), prompt: 'x', partial_images: '4' }),
      'partial_images',
      'invalid_value',
    ],
    [
      '17 images',
      async () => form({ 'image[]': Array(17).fill(await squareOnWhite(8)), prompt: 'x' }),
      'image',
      'array_above_max_length',
    ],
    [
      '17 json images',
      async () => ({ prompt: 'x', images: Array(17).fill({ image_url: 'data:,' }) }),
      'images',
      'array_above_max_length',
    ],
    [
      'mask of another size',
      async () =>
        form({ image: await squareOnWhite(16), mask: await leftHalfMask(8, 8), prompt: 'x' }),
      'mask',
      'invalid_image_dimensions',
    ],
    [
      'mask without alpha',
      async () =>
        form({ image: await squareOnWhite(8), mask: await solid(8, 8, [0, 0, 0]), prompt: 'x' }),
      'mask',
      'invalid_image_format',
    ],
    [
      'transparent jpeg',
      async () =>
        form({
          image: await squareOnWhite(8),
          prompt: 'x',
          background: 'transparent',
          output_format: 'jpeg',
        }),
      'background',
      'invalid_value',
    ],
    [
      'prompt too long',
      async () => form({ image: await squareOnWhite(8), prompt: 'x'.repeat(32001) }),
      'prompt',
      'string_above_max_length',
    ],
    [
      'dall-e-2 prompt over 1000',
      async () =>
        form({ image: await squareOnWhite(8), prompt: 'x'.repeat(1001), model: 'dall-e-2' }),
      'prompt',
      'string_above_max_length',
    ],
    [
      'dall-e-2 not square',
      async () => form({ image: await solid(8, 4, [1, 2, 3]), prompt: 'x', model: 'dall-e-2' }),
      'image',
      'invalid_image_dimensions',
    ],
    [
      'non-standard size for gpt-image-1',
      async () =>
        form({ image: await squareOnWhite(8), prompt: 'x', model: 'gpt-image-1', size: '100x100' }),
      'size',
      'invalid_value',
    ],
    [
      'gpt-image-2 size not /16',
      async () =>
        form({
          image: await squareOnWhite(8),
          prompt: 'x',
          model: 'gpt-image-2',
          size: '1000x1000',
        }),
      'size',
      'invalid_value',
    ],
    [
      'not an image',
      async () => form({ image: Buffer.from('hello'), prompt: 'x' }),
      'image',
      'unsupported_file_mimetype',
    ],
    [
      'image as text',
      async () => {
        const f = new FormData();
        f.append('image', 'abc');
        f.append('prompt', 'x');
        return f;
      },
      'image',
      'invalid_type',
    ],
    ['json without images', async () => ({ prompt: 'x' }), 'images', 'missing_required_parameter'],
    [
      'json both image_url and file_id',
      async () => ({ prompt: 'x', images: [{ image_url: 'data:,', file_id: 'f' }] }),
      'images[0]',
      'invalid_value',
    ],
    [
      'json bad moderation',
      async () => ({ prompt: 'x', images: [{ image_url: 'data:,' }], moderation: 'strict' }),
      'moderation',
      'invalid_value',
    ],
  ];
  for (const [name, build, param, code] of cases) {
    it(`answers 400 in OpenAI's envelope: ${name}`, async () => {
      const body = await build();
      const res = body instanceof FormData ? await post(body) : await json(body);
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error).toMatchObject({ type: 'invalid_request_error', param, code });
      expect(error.message).toBeTypeOf('string');
    });
  }

  it('answers 400 for invalid JSON and for another content type', async () => {
    const a = await post('{nope', { 'content-type': 'application/json' });
    expect(a.status).toBe(400);
    expect((await a.json()).error.message).toMatch(/could not parse the JSON/);
    const b = await post('prompt=x', { 'content-type': 'text/plain' });
    expect(b.status).toBe(400);
  });

  it('says that at most 16 images are allowed, as OpenAI does', async () => {
    const res = await post(
      form({ 'image[]': Array(17).fill(await squareOnWhite(8)), prompt: 'x' }),
    );
    expect((await res.json()).error.message).toBe(
      "Invalid 'image': array too long. Expected an array with maximum length 16, but got an array with length 17 instead.",
    );
  });

  it('answers 405 for GET and 404 for unknown paths', async () => {
    expect((await fetch(`${emulator().url}/v1/images/edits`)).status).toBe(405);
    const res = await fetch(`${emulator().url}/v1/nothing`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain('/v1/nothing');
    // OpenAI paths without /v1 are not fal apps: no queue job, and OpenAI's envelope.
    for (const path of ['/images/generations', '/chat/completions', '/images/variations/x']) {
      const unknown = await fetch(`${emulator().url}${path}`, { method: 'POST', body: '{}' });
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error).toMatchObject({
        message: `Invalid URL (POST ${path})`,
        type: 'invalid_request_error',
      });
    }
    expect(emulator().jobs.size).toBe(0);
  });
});
