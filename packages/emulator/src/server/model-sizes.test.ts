import { describe, expect, it } from 'vitest';
import { form, useEmulator } from '../test-support/emulator.js';
import { leftHalfMask, pixels, solid, squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator();
const edit = async (fields: Record<string, unknown>) => {
  const res = await fetch(`${emulator().url}/v1/images/edits`, {
    method: 'POST',
    body: form(fields as Parameters<typeof form>[0]),
  });
  return { status: res.status, body: await res.json() };
};
const outputOf = (body: { data: Array<{ b64_json: string }> }) =>
  pixels(Buffer.from(body.data[0]!.b64_json, 'base64'));

describe('the emulator answers at the sizes the real models produce', () => {
  it('gpt-image-1 answers auto at the preset nearest the input aspect ratio', async () => {
    for (const [w, h, want] of [
      [400, 300, [1536, 1024]],
      [300, 400, [1024, 1536]],
      [300, 290, [1024, 1024]],
    ] as const) {
      const { status, body } = await edit({
        image: await solid(w, h, [10, 20, 30]),
        prompt: 'invert',
        model: 'gpt-image-1',
      });
      expect(status).toBe(200);
      const out = await outputOf(body);
      expect([out.width, out.height]).toEqual(want);
    }
  });

  it('gpt-image-2 answers auto at the input aspect ratio in multiples of 16, and custom sizes', async () => {
    const auto = await edit({
      image: await solid(400, 300, [10, 20, 30]),
      prompt: 'invert',
      model: 'gpt-image-2',
    });
    const out = await outputOf(auto.body);
    expect(out.width % 16).toBe(0);
    expect(out.height % 16).toBe(0);
    expect(out.width / out.height).toBeCloseTo(4 / 3, 1);
    const custom = await edit({
      image: await solid(400, 300, [10, 20, 30]),
      prompt: 'invert',
      model: 'gpt-image-2',
      size: '2048x1536',
    });
    const big = await outputOf(custom.body);
    expect([big.width, big.height]).toEqual([2048, 1536]);
  });

  it('dall-e-2 answers at its squares', async () => {
    const { body } = await edit({
      image: await squareOnWhite(32),
      prompt: 'invert',
      model: 'dall-e-2',
      size: '256x256',
      response_format: 'b64_json',
    });
    const out = await outputOf(body);
    expect([out.width, out.height]).toEqual([256, 256]);
  });

  it('a model it does not know answers at the input size', async () => {
    const { body } = await edit({
      image: await solid(40, 30, [10, 20, 30]),
      prompt: 'invert',
      model: 'flux-kontext-pro',
    });
    const out = await outputOf(body);
    expect([out.width, out.height]).toEqual([40, 30]);
  });

  it('refuses sizes the model does not accept, in OpenAI words', async () => {
    const image = await squareOnWhite(16);
    const gpt1 = await edit({ image, prompt: 'x', model: 'gpt-image-1', size: '512x512' });
    expect(gpt1.status).toBe(400);
    expect(gpt1.body.error).toEqual({
      message:
        "Invalid value: '512x512'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.",
      type: 'invalid_request_error',
      param: 'size',
      code: 'invalid_value',
    });
    const dalle = await edit({ image, prompt: 'x', model: 'dall-e-2', size: '1536x1024' });
    expect(dalle.body.error.message).toBe(
      "Invalid value: '1536x1024'. Supported values are: '256x256', '512x512', and '1024x1024'.",
    );
    for (const size of ['1000x1008', '3840x3840', '3840x1024', '512x512']) {
      const gpt2 = await edit({ image, prompt: 'x', model: 'gpt-image-2', size });
      expect(gpt2.status, size).toBe(400);
      expect(gpt2.body.error.param).toBe('size');
    }
  });

  it('a GPT image model lets pixels outside the mask drift slightly and deterministically', async () => {
    const image = await solid(64, 64, [100, 150, 200]);
    const fields = {
      image,
      mask: await leftHalfMask(64, 64),
      prompt: 'invert',
      model: 'gpt-image-1',
    };
    const firstBody = (await edit(fields)).body;
    const againBody = (await edit(fields)).body;
    expect(againBody.data[0].b64_json).toBe(firstBody.data[0].b64_json);
    const first = await outputOf(firstBody);
    let changed = 0;
    for (let y = 100; y < 1000; y += 37) {
      for (let x = 600; x < 1000; x += 37) {
        const [r, g, b] = first.at(x, y);
        for (const [v, want] of [
          [r, 100],
          [g, 150],
          [b, 200],
        ] as const) {
          expect(Math.abs(v! - want)).toBeLessThanOrEqual(2);
          if (v !== want) changed++;
        }
      }
    }
    expect(changed).toBeGreaterThan(0);
    // Inside the mask: the inverted colour (give or take the same drift).
    for (const [i, v] of first.at(100, 500).slice(0, 3).entries()) {
      expect(Math.abs(v - [155, 105, 55][i]!)).toBeLessThanOrEqual(2);
    }
  });
});
