import { describe, expect, it } from 'vitest';
import { specValidator } from '../openapi/spec-validator.js';
import { form, readSse, useEmulator } from '../test-support/emulator.js';
import { leftHalfMask, pixels, squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator();
const post = (body: FormData | string, headers: Record<string, string> = {}) =>
  fetch(`${emulator().url}/v1/images/edits`, { method: 'POST', body, headers });
const json = (value: unknown) =>
  post(JSON.stringify(value), { 'content-type': 'application/json' });
const conforms = (schema: string, value: unknown) =>
  expect(specValidator().validate(schema, value), JSON.stringify(value).slice(0, 300)).toBe(
    undefined,
  );

describe('the emulator answers what the OpenAPI schema allows', () => {
  it('echoes the requested size or none, never the input dimensions (JSON answers)', async () => {
    const image = await squareOnWhite(16);
    const unsized = await (
      await post(form({ image, prompt: 'invert', model: 'gpt-image-1' }))
    ).json();
    conforms('ImagesResponse', unsized);
    expect(unsized.size).toBeUndefined();
    // gpt-image-1 answers a square input at its square preset, not at the input's 16x16.
    expect((await pixels(Buffer.from(unsized.data[0].b64_json, 'base64'))).width).toBe(1024);
    const auto = await (await post(form({ image, prompt: 'invert', size: 'auto' }))).json();
    conforms('ImagesResponse', auto);
    expect(auto.size).toBeUndefined();
    const sized = await (
      await post(form({ image, prompt: 'invert', size: '1024x1536', quality: 'low', n: '2' }))
    ).json();
    conforms('ImagesResponse', sized);
    expect(sized).toMatchObject({ size: '1024x1536', quality: 'low' });
    const transparent = await (
      await post(
        form({
          image,
          mask: await leftHalfMask(16, 16),
          prompt: 'remove the background',
          background: 'transparent',
          output_format: 'webp',
        }),
      )
    ).json();
    conforms('ImagesResponse', transparent);
    const viaJson = await (
      await json({
        prompt: 'sepia',
        images: [{ image_url: `data:image/png;base64,${image.toString('base64')}` }],
        moderation: 'low',
      })
    ).json();
    conforms('ImagesResponse', viaJson);
    const dallE2 = await (
      await post(form({ image, prompt: 'x', model: 'dall-e-2', size: '256x256' }))
    ).json();
    conforms('ImagesResponse', dallE2);
  });

  it('every stream event echoes the requested size or auto', async () => {
    const image = await squareOnWhite(16);
    for (const [size, echoed] of [
      [undefined, 'auto'],
      ['auto', 'auto'],
      ['1536x1024', '1536x1024'],
    ] as const) {
      const res = await post(
        form({
          image,
          prompt: 'grayscale',
          stream: 'true',
          partial_images: '2',
          n: '2',
          ...(size ? { size } : {}),
        }),
      );
      const events = await readSse(res);
      expect(events).toHaveLength(6);
      for (const event of events) {
        conforms('ImageEditStreamEvent', event.data);
        expect(event.data.size).toBe(echoed);
      }
    }
  });

  it('errors come in the ErrorResponse envelope', async () => {
    const image = await squareOnWhite(8);
    const failures = [
      await post(form({ image, prompt: 'x', n: '0' })),
      await post(form({ image, prompt: 'x', colour: 'red' })),
      await post(form({ 'image[]': Array(17).fill(image), prompt: 'x' })),
      await json({ prompt: 'x', images: [] }),
      await fetch(`${emulator().url}/images/generations`, { method: 'POST' }),
    ];
    for (const res of failures) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      conforms('ErrorResponse', await res.json());
    }
  });
});
