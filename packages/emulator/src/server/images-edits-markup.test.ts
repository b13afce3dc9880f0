import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { form, useEmulator } from '../test-support/emulator.js';
import { leftHalfMask, pixels, squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator();
const post = (body: FormData) =>
  fetch(`${emulator().url}/v1/images/edits`, { method: 'POST', body });

/** A transparent 64x64 layer with a red box drawn around the square in the middle. */
function boxLayer(): Promise<Buffer> {
  const data = Buffer.alloc(64 * 64 * 4);
  for (let y = 12; y < 52; y++) {
    for (let x = 12; x < 52; x++) {
      if (x < 14 || x > 49 || y < 14 || y > 49) data.set([255, 0, 0, 255], (y * 64 + x) * 4);
    }
  }
  return sharp(data, { raw: { width: 64, height: 64, channels: 4 } })
    .png()
    .toBuffer();
}

describe('gpt-image-2.6 markup layer', () => {
  it('takes the marks as their own part and edits inside them only, on the unmarked picture', async () => {
    const res = await post(
      form({
        model: 'gpt-image-2.6-flare',
        prompt: 'remove this',
        image: await squareOnWhite(64),
        markup: await boxLayer(),
        complexity: 'medium',
        quality: 'xhigh',
      }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    const p = await pixels(Buffer.from(body.data[0].b64_json, 'base64'));
    expect(p.at(32, 32).slice(0, 3)).toEqual([255, 255, 255]); // the square is gone
    expect(p.at(13, 13).slice(0, 3)).toEqual([255, 255, 255]); // no trace of the red box
    expect(p.at(2, 2).slice(0, 3)).toEqual([255, 255, 255]);
    const [logged] = emulator().requests;
    expect(logged?.edit).toMatchObject({
      model: 'gpt-image-2.6-flare',
      parts: expect.arrayContaining(['image', 'markup']),
      markup: { delivery: 'layer' },
    });
  });

  it('refuses markup for a model without the layer, with a mask, or of another size', async () => {
    const image = await squareOnWhite(64);
    const markup = await boxLayer();
    const cases: { fields: Record<string, string | Buffer>; code: string }[] = [
      {
        fields: { model: 'gpt-image-2', prompt: 'x', image, markup },
        code: 'unsupported_parameter',
      },
      {
        fields: {
          model: 'gpt-image-2.6-sunburst',
          prompt: 'x',
          image,
          markup,
          mask: await leftHalfMask(64, 64),
        },
        code: 'invalid_request',
      },
      {
        fields: { model: 'gpt-image-2.6', prompt: 'x', image: await squareOnWhite(32), markup },
        code: 'invalid_image_dimensions',
      },
    ];
    for (const { fields, code } of cases) {
      const res = await post(form(fields));
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ param: 'markup', code });
    }
  });

  it('takes complexity only on 2.6, and xhigh and max only on 2.5 and 2.6', async () => {
    const image = await squareOnWhite(64);
    const status = async (fields: Record<string, string>) =>
      (await post(form({ prompt: 'invert', image, ...fields }))).status;
    expect(await status({ model: 'gpt-image-2.6-flare', complexity: 'low' })).toBe(200);
    expect(await status({ model: 'gpt-image-2.5-flare', complexity: 'low' })).toBe(400);
    expect(await status({ model: 'gpt-image-2.6-flare', complexity: 'huge' })).toBe(400);
    expect(await status({ model: 'gpt-image-2.5-sunburst', quality: 'max' })).toBe(200);
    expect(await status({ model: 'gpt-image-2', quality: 'max' })).toBe(400);
  });
});
