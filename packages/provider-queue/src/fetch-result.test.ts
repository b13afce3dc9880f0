import { editImage, type RetouchError } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  firstPixel,
  queueProviderFor,
  solidPng,
  startQueueEmulator,
} from './__fixtures__/queue-test-setup.js';

let emulator: Emulator;
let png: Uint8Array;
beforeAll(async () => {
  emulator = await startQueueEmulator();
  png = await solidPng(16, 16, { r: 10, g: 200, b: 30 });
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const answerResultWith = (status: number, body: unknown) =>
  emulator.setFaults([{ route: 'queue.result', status, body }]);

const edit = async (config: Parameters<typeof queueProviderFor>[1] = {}) =>
  editImage({
    provider: queueProviderFor(emulator, config),
    model: 'gpt_image_1_edit',
    prompt: 'blur',
    images: png,
  });

describe('result shapes', () => {
  const base64 = () => Buffer.from(png).toString('base64');
  it.each([
    {
      shape: 'data[].b64_json',
      body: () => ({ data: [{ b64_json: base64(), revised_prompt: 'a green square' }] }),
    },
    {
      shape: 'image.url as a data URI',
      body: () => ({ image: { url: `data:image/png;base64,${base64()}` } }),
    },
    {
      shape: 'images[] as bare data URIs',
      body: () => ({ images: [`data:image/png;base64,${base64()}`] }),
    },
  ])('accepts $shape', async ({ body }) => {
    answerResultWith(200, body());
    const result = await edit();
    expect(result.images).toHaveLength(1);
    expect(await firstPixel(result.images[0]!.data)).toEqual({ r: 10, g: 200, b: 30 });
  });

  it('refuses a result without images, saying what it looked for', async () => {
    answerResultWith(200, { images: [{ url: 'file:///etc/passwd' }] });
    const error: RetouchError = await edit().catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect(error.message).toMatch(/images\[\]\.url/);
  });

  it('caps the size of a downloaded result', async () => {
    const error: RetouchError = await edit({ maxResultBytes: 64 }).catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_response' });
  });
});

describe('a failure reported by the result', () => {
  beforeEach(() => {
    answerResultWith(422, {
      detail: [
        {
          loc: ['body', 'image_urls', 0],
          msg: 'Could not load the image',
          type: 'image_load_error',
        },
      ],
    });
  });

  it('maps to invalid_request with the server message, and is not retried', async () => {
    const error: RetouchError = await edit().catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_request', status: 422, retryable: false });
    expect(error.message).toContain('Could not load the image');
    expect(emulator.requests.filter((r) => r.route === 'queue.result')).toHaveLength(1);
  });
});
