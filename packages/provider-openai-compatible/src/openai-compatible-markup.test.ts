import { editImage, isRetouchError } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { editRequests, providerFor, startTestEmulator } from './__fixtures__/emulator-fixture.js';
import { rejection } from './__fixtures__/rejection.js';
import { leftHalfMask } from './__fixtures__/test-images.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const W = 64;
/** Gray with a dark square at 24..39: the thing to remove. */
function picture(): Promise<Buffer> {
  const data = Buffer.alloc(W * W * 3, 150);
  for (let y = 24; y < 40; y++)
    for (let x = 24; x < 40; x++) data.fill(30, (y * W + x) * 3, (y * W + x) * 3 + 3);
  return sharp(data, { raw: { width: W, height: W, channels: 3 } })
    .png()
    .toBuffer();
}
/** A transparent layer with a red box around the square. */
function marks(): Promise<Buffer> {
  const data = Buffer.alloc(W * W * 4);
  for (let y = 18; y < 46; y++)
    for (let x = 18; x < 46; x++)
      if (x < 20 || x > 43 || y < 20 || y > 43) data.set([255, 0, 0, 255], (y * W + x) * 4);
  return sharp(data, { raw: { width: W, height: W, channels: 4 } })
    .png()
    .toBuffer();
}
async function rgbAt(bytes: Uint8Array, x: number, y: number) {
  const { data } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return [...data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)];
}

describe('markup', () => {
  it('goes to gpt-image-2.6 as its own multipart part, beside the unmarked image', async () => {
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-2.6-flare',
      prompt: 'remove this',
      images: await picture(),
      markup: await marks(),
      complexity: 'low',
    });
    const [request] = editRequests(emulator);
    expect(request?.edit?.parts).toEqual(expect.arrayContaining(['image', 'markup', 'complexity']));
    expect(request?.edit?.markup?.delivery).toBe('layer');
    expect(await rgbAt(result.images[0]!.data, 32, 32)).toEqual([150, 150, 150]);
    expect(await rgbAt(result.images[0]!.data, 19, 19)).toEqual([150, 150, 150]);
  });

  it('is drawn onto the image for a model without a markup layer', async () => {
    await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-2',
      prompt: 'remove what the marks point to',
      images: await picture(),
      markup: await marks(),
    });
    const [request] = editRequests(emulator);
    expect(request?.edit?.parts).not.toContain('markup');
    // The emulator found the red marks on the one picture it got.
    expect(request?.edit?.markup?.delivery).toBe('flattened');
  });

  it('is refused together with a mask before anything is sent', async () => {
    const error = await rejection(
      editImage({
        provider: providerFor(emulator),
        model: 'gpt-image-2.6-flare',
        prompt: 'remove this',
        images: await picture(),
        markup: await marks(),
        mask: await leftHalfMask(W, W),
      }),
    );
    expect(isRetouchError(error) && error.code).toBe('invalid_request');
    expect((error as Error).message).toMatch(/markup cannot be sent with a mask/);
    expect(editRequests(emulator)).toHaveLength(0);
  });

  it('drops complexity with a warning for a model without it', async () => {
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-2.5-flare',
      prompt: 'invert',
      images: await picture(),
      complexity: 'high',
      quality: 'max',
    });
    expect(result.warnings.map((w) => w.message).join()).toMatch(/complexity was ignored/);
    expect(editRequests(emulator)[0]?.status).toBe(200);
  });
});
