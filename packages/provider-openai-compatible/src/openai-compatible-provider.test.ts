import { type EditProgressEvent, editImage } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  editRequests,
  providerFor,
  startTestEmulator,
  testApiKey,
} from './__fixtures__/emulator-fixture.js';
import { rejection } from './__fixtures__/rejection.js';
import { leftHalfMask, solidPng } from './__fixtures__/test-images.js';

let emulator: Emulator;
let red: Buffer;
let blue: Buffer;

function near(got: readonly (number | undefined)[], want: readonly number[]) {
  for (const [i, value] of got.entries())
    expect(Math.abs(value! - want[i]!)).toBeLessThanOrEqual(2);
}

async function pixel(bytes: Uint8Array, x: number, y: number) {
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  return [data[i], data[i + 1], data[i + 2], data[i + 3]];
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  red = await solidPng(64, 64, [200, 40, 40]);
  blue = await solidPng(64, 64, [30, 60, 220]);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe('openai-compatible against the emulator (multipart)', () => {
  it('edits one image, sent as `image` with a Bearer key, and keeps usage and request id', async () => {
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1',
      prompt: 'make it grayscale',
      images: red,
    });
    expect(result.images).toHaveLength(1);
    const [r, g, b] = await pixel(result.images[0]!.data, 32, 32);
    expect(r).toBe(g);
    expect(g).toBe(b);
    const [request] = editRequests(emulator);
    expect(request?.headers.authorization).toBe(`Bearer ${testApiKey}`);
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(result.requestId).toBe(request?.requestId);
    expect(result.usage?.totalTokens).toBeGreaterThan(0);
    expect(result.calls[0]?.echoed).toMatchObject({ output_format: 'png' });
  });

  it('combines several inputs sent as `image[]`', async () => {
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1.5',
      prompt: 'put them side by side',
      images: [red, blue],
    });
    // gpt-image-1.5 answers the square combination at 1024x1024.
    const left = await pixel(result.images[0]!.data, 128, 512);
    const right = await pixel(result.images[0]!.data, 896, 512);
    // Two different inputs become two different halves, whatever tint the prompt picked.
    expect(left).not.toEqual(right);
    expect(editRequests(emulator)).toHaveLength(1);
  });

  it('confines the edit to the transparent part of the mask', async () => {
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1',
      prompt: 'invert it',
      images: red,
      mask: await leftHalfMask(64, 64),
    });
    // gpt-image-1 answers at 1024x1024 and lets the unmasked half drift; the engine puts the
    // answer back into the 64x64 original inside the mask, so the rest is the original's.
    expect(result.images[0]).toMatchObject({ width: 64, height: 64 });
    near(await pixel(result.images[0]!.data, 8, 32), [55, 215, 215, 255]);
    expect(await pixel(result.images[0]!.data, 56, 32)).toEqual([200, 40, 40, 255]);
  });

  it('sends every option, including a gpt-image-2 arbitrary size, and the server honours them', async () => {
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-2',
      prompt: 'make it grayscale',
      images: red,
      n: 2,
      size: '1024x640',
      quality: 'low',
      background: 'opaque',
      outputFormat: 'webp',
      outputCompression: 80,
      inputFidelity: 'high',
      user: 'user-1234',
    });
    expect(result.images).toHaveLength(2);
    for (const image of result.images) {
      expect(image).toMatchObject({ mediaType: 'image/webp', width: 1024, height: 640 });
    }
    expect(Buffer.compare(result.images[0]!.data, result.images[1]!.data)).not.toBe(0);
    expect(result.calls[0]?.echoed).toEqual({
      size: '1024x640',
      quality: 'low',
      background: 'opaque',
      output_format: 'webp',
    });
  });

  it('returns a url result (dall-e-2, response_format=url) through the guarded download', async () => {
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'dall-e-2',
      prompt: 'invert it',
      images: red,
      providerOptions: { responseFormat: 'url' },
    });
    expect(await pixel(result.images[0]!.data, 32, 32)).toEqual([55, 215, 215, 255]);
    const download = emulator.requests.find((request) => request.route === 'files');
    expect(download?.method).toBe('GET');
    // Same origin as the base URL, so the key may go along.
    expect(download?.headers.authorization).toBe(`Bearer ${testApiKey}`);
  });

  it('never sends the key to another origin when a result URL points there', async () => {
    const foreign = await startTestEmulator({ apiKey: undefined });
    try {
      const png = await solidPng(32, 32, [10, 200, 10]);
      const upload = await fetch(`${foreign.url}/v1/images/edits`, {
        method: 'POST',
        body: (() => {
          const form = new FormData();
          form.append('model', 'dall-e-2');
          form.append('prompt', 'keep it');
          form.append('response_format', 'url');
          form.append('image', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'a.png');
          return form;
        })(),
      }).then((response) => response.json() as Promise<{ data: { url: string }[] }>);
      const foreignUrl = upload.data[0]!.url;
      emulator.setFaults([
        {
          route: 'images.edits',
          status: 200,
          body: { created: 1, data: [{ url: foreignUrl }] },
        },
      ]);
      // Another loopback service: refused unless the user names it as a result origin.
      const refused = await rejection(
        editImage({
          provider: providerFor(emulator),
          model: 'gpt-image-1',
          prompt: 'x',
          images: red,
        }),
      );
      expect(refused.message).toContain('rule: private-network');
      expect(foreign.requests.filter((request) => request.route === 'files')).toHaveLength(0);
      const result = await editImage({
        provider: providerFor(emulator, { resultOrigins: [foreign.url] }),
        model: 'gpt-image-1',
        prompt: 'anything',
        images: red,
      });
      // dall-e-2 answers at its default 1024x1024, whatever the input's size.
      expect(result.images[0]).toMatchObject({ width: 1024, height: 1024 });
      const fetched = foreign.requests.filter((request) => request.route === 'files');
      expect(fetched).toHaveLength(1);
      expect(fetched[0]?.headers.authorization).toBeUndefined();
      expect(JSON.stringify(fetched[0]?.headers)).not.toContain(testApiKey);
    } finally {
      await foreign.close();
    }
  });

  it('speaks Azure: api-key header, api-version query, extra headers, no Authorization', async () => {
    await editImage({
      provider: providerFor(emulator, {
        authStyle: 'api-key',
        queryParams: { 'api-version': '2025-04-01-preview' },
        headers: { 'X-Trace-Id': 'trace-1' },
      }),
      model: 'gpt-image-1',
      prompt: 'blur',
      images: red,
    });
    const [request] = editRequests(emulator);
    expect(request?.path).toBe('/v1/images/edits?api-version=2025-04-01-preview');
    expect(request?.headers['api-key']).toBe(testApiKey);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers['x-trace-id']).toBe('trace-1');
  });

  it('sends an undeclared model anyway, with an unknown-model warning', async () => {
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1-all',
      prompt: 'sepia',
      images: red,
      onProgress: (event) => events.push(event),
    });
    expect(result.images).toHaveLength(1);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ type: 'unknown-model', model: 'gpt-image-1-all' }),
    );
    expect(events.some((event) => event.type === 'warning')).toBe(true);
  });

  it('refuses a 200 that is not an ImagesResponse (a chat completion), quoting it, without retrying', async () => {
    emulator.setFaults([
      {
        route: 'images.edits',
        status: 200,
        body: {
          id: 'chatcmpl-123',
          object: 'chat.completion',
          created: 1677652288,
          choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there' } }],
        },
      },
    ]);
    const error = await rejection(
      editImage({
        provider: providerFor(emulator),
        model: 'gpt-image-1',
        prompt: 'anything',
        images: red,
      }),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('chat.completion');
    expect(editRequests(emulator)).toHaveLength(1);
  });
});

describe('openai-compatible against the emulator (JSON body)', () => {
  it('sends images as data URLs when configured for JSON', async () => {
    const result = await editImage({
      provider: providerFor(emulator, { bodyMode: 'json' }),
      model: 'gpt-image-1.5',
      prompt: 'invert it',
      images: [red, blue],
      mask: await leftHalfMask(64, 64),
      providerOptions: { moderation: 'low' },
    });
    const [request] = editRequests(emulator);
    expect(request?.headers['content-type']).toBe('application/json');
    // Masked: the left half changed, the right half (second input) did not.
    near(await pixel(result.images[0]!.data, 128, 512), [55, 215, 215, 255]);
    near(await pixel(result.images[0]!.data, 896, 512), [30, 60, 220, 255]);
  });

  it('uses JSON for one configured model and multipart for the rest', async () => {
    const provider = providerFor(emulator, {
      models: [{ id: 'flux-kontext-pro', bodyMode: 'json', capabilities: { maxInputImages: 1 } }],
    });
    await editImage({ provider, model: 'flux-kontext-pro', prompt: 'sepia', images: red });
    await editImage({ provider, model: 'gpt-image-1', prompt: 'sepia', images: red });
    const [json, multipart] = editRequests(emulator);
    expect(json?.headers['content-type']).toBe('application/json');
    expect(multipart?.headers['content-type']).toMatch(/^multipart\/form-data/);
  });

  it('keeps dall-e-2 on multipart, saying so, when JSON is configured', async () => {
    const result = await editImage({
      provider: providerFor(emulator, { bodyMode: 'json' }),
      model: 'dall-e-2',
      prompt: 'invert it',
      images: red,
    });
    expect(editRequests(emulator)[0]?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(result.warnings).toContainEqual(expect.objectContaining({ type: 'fallback' }));
  });
});
