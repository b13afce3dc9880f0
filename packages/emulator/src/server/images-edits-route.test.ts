import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { dataUrl, form, readSse, useEmulator } from '../test-support/emulator.js';
import { leftHalfMask, pixels, solid, squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator();
const post = (body: FormData | string, headers: Record<string, string> = {}) =>
  fetch(`${emulator().url}/v1/images/edits`, { method: 'POST', body, headers });
const json = (value: unknown) =>
  post(JSON.stringify(value), { 'content-type': 'application/json' });

describe('POST /v1/images/edits (multipart)', () => {
  it('answers an ImagesResponse with a real grayscale edit, echoes and usage', async () => {
    const src = await squareOnWhite(64);
    const res = await post(
      form({ image: src, prompt: 'make it grayscale', model: 'gpt-image-1', quality: 'high' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const body = await res.json();
    expect(body).toMatchObject({ background: 'opaque', output_format: 'png', quality: 'high' });
    // No size was asked for: OpenAI's ImagesResponse has no `auto`, and 64x64 is no size it makes.
    expect(body).not.toHaveProperty('size');
    expect(body.created).toBeTypeOf('number');
    expect(body.usage).toMatchObject({
      input_tokens_details: { text_tokens: 5, image_tokens: 323 },
    });
    expect(body.usage.total_tokens).toBe(body.usage.input_tokens + body.usage.output_tokens);
    const p = await pixels(Buffer.from(body.data[0].b64_json, 'base64'));
    const [r, g, b] = p.at(32, 32);
    expect(r === g && g === b).toBe(true);
  });

  it('accepts image[] with several inputs and combines them into one picture', async () => {
    const res = await post(
      form({
        'image[]': [await solid(64, 64, [255, 0, 0]), await solid(64, 64, [0, 0, 255])],
        prompt: 'invert',
      }),
    );
    const body = await res.json();
    expect(res.status).toBe(200);
    const p = await pixels(Buffer.from(body.data[0].b64_json, 'base64'));
    // gpt-image-1.5 (the default model) answers the square combination at 1024x1024.
    expect([p.width, p.height]).toEqual([1024, 1024]);
    expect(p.at(80, 480).slice(0, 3)).toEqual([0, 255, 255]);
    expect(p.at(960, 480).slice(0, 3)).toEqual([255, 255, 0]);
  });

  it('confines the edit to the transparent pixels of the mask for a model it does not know', async () => {
    const src = await squareOnWhite(64);
    const res = await post(
      form({
        image: src,
        mask: await leftHalfMask(64, 64),
        prompt: 'sepia',
        model: 'flux-kontext-pro',
      }),
    );
    const out = await pixels(Buffer.from((await res.json()).data[0].b64_json, 'base64'));
    const before = await pixels(src);
    for (const [x, y] of [
      [40, 32],
      [63, 0],
      [33, 50],
    ] as const)
      expect(out.at(x, y)).toEqual(before.at(x, y));
    expect(out.at(20, 32)).not.toEqual(before.at(20, 32));
  });

  it('honours n, size, output_format, output_compression and background', async () => {
    const res = await post(
      form({
        image: await squareOnWhite(64),
        prompt: 'a sunny day',
        n: '2',
        output_format: 'webp',
        output_compression: '80',
        background: 'transparent',
        model: 'flux-kontext-pro',
        size: '48x32',
      }),
    );
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ output_format: 'webp', size: '48x32', background: 'transparent' });
    expect(body.data).toHaveLength(2);
    expect(body.data[0].b64_json).not.toBe(body.data[1].b64_json);
    const p = await pixels(Buffer.from(body.data[0].b64_json, 'base64'));
    expect([p.format, p.width, p.height]).toEqual(['webp', 48, 32]);
  });

  it('gives the same bytes for the same request', async () => {
    const src = await squareOnWhite(64);
    const a = await (await post(form({ image: src, prompt: 'blur' }))).json();
    const b = await (await post(form({ image: src, prompt: 'blur' }))).json();
    expect(a.data[0].b64_json).toBe(b.data[0].b64_json);
  });

  it('serves url answers for dall-e-2 from the emulator itself', async () => {
    const res = await post(
      form({
        image: await squareOnWhite(64),
        prompt: 'invert',
        model: 'dall-e-2',
        size: '256x256',
      }),
    );
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.data[0].url.startsWith(`${emulator().url}/files/`)).toBe(true);
    expect(body.usage).toBeUndefined();
    const file = await fetch(body.data[0].url);
    expect(file.headers.get('content-type')).toBe('image/png');
    const p = await pixels(Buffer.from(await file.arrayBuffer()));
    expect([p.width, p.height]).toEqual([256, 256]);
    expect((await fetch(`${emulator().url}/files/missing.png`)).status).toBe(404);
  });

  it('streams partial images then the completed event', async () => {
    const res = await post(
      form({
        image: await squareOnWhite(64),
        prompt: 'grayscale',
        stream: 'true',
        partial_images: '2',
      }),
    );
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readSse(res);
    expect(events.map((e) => e.event)).toEqual([
      'image_edit.partial_image',
      'image_edit.partial_image',
      'image_edit.completed',
    ]);
    expect(events.map((e) => e.data.type)).toEqual(events.map((e) => e.event));
    expect(events[1]!.data.partial_image_index).toBe(1);
    expect(events[2]!.data).toMatchObject({
      size: 'auto',
      output_format: 'png',
      quality: 'medium',
    });
    expect(events[2]!.data.usage.total_tokens).toBeGreaterThan(0);
  });
});

describe('POST /v1/images/edits (json)', () => {
  it('accepts data URLs and loopback URLs, and a mask', async () => {
    const src = await squareOnWhite(64);
    const host = createServer((_req, res) => res.end(src));
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(host.address() as AddressInfo).port}/in.png`;
    try {
      const res = await json({
        prompt: 'invert',
        images: [{ image_url: url }],
        mask: { image_url: dataUrl(await leftHalfMask(64, 64)) },
        moderation: 'low',
        model: 'gpt-image-1.5',
      });
      expect(res.status).toBe(200);
      const out = await pixels(Buffer.from((await res.json()).data[0].b64_json, 'base64'));
      // 1024x1024 from gpt-image-1.5; outside the mask the picture drifts by a level or two.
      const near = (got: readonly number[], want: readonly number[]) => {
        for (const [i, v] of got.slice(0, 3).entries())
          expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(3);
      };
      near(out.at(32, 32), [0, 0, 0]);
      near(out.at(960, 32), [255, 255, 255]);
    } finally {
      host.close();
    }
  });

  it('refuses URLs off loopback and file ids', async () => {
    const a = await json({ prompt: 'x', images: [{ image_url: 'https://example.com/a.png' }] });
    expect(a.status).toBe(400);
    expect((await a.json()).error).toMatchObject({
      param: 'images[0].image_url',
      code: 'invalid_image_url',
    });
    const b = await json({ prompt: 'x', images: [{ file_id: 'file-1' }] });
    expect((await b.json()).error.param).toBe('images[0].file_id');
  });
});
