import { createRegistry, editImage, isRetouchError } from '@retouch/core';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acmePlugin } from './acme-plugin.js';

const apiKey = 'acme-test-key-0123456789';
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey });
});
afterAll(async () => {
  await emulator?.close();
});

async function colourfulPng(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({
      create: { width: 32, height: 32, channels: 3, background: { r: 220, g: 40, b: 40 } },
    })
      .png()
      .toBuffer(),
  );
}

describe('acme-images plugin (as Retouch registers it)', () => {
  it('edits an image for real through the engine: a grayscale prompt gives gray pixels', async () => {
    const registry = createRegistry([acmePlugin]);
    const { provider, model } = registry.resolve('acme-images:acme-edit-1', {
      'acme-images': { baseURL: `${emulator.url}/v1`, apiKey },
    });
    const result = await editImage({
      provider,
      model,
      prompt: 'make it grayscale',
      images: { data: await colourfulPng(), filename: 'red.png' },
    });
    expect(result.images).toHaveLength(1);
    const { data } = await sharp(result.images[0]!.data)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(Math.abs(data[0]! - data[1]!)).toBeLessThan(8);
    expect(Math.abs(data[1]! - data[2]!)).toBeLessThan(8);
  });

  it('turns a wrong key into an authentication error that never shows the key', async () => {
    const wrongKey = 'acme-wrong-key-9876543210';
    const provider = createRegistry([acmePlugin]).createProvider('acme-images', {
      baseURL: `${emulator.url}/v1`,
      apiKey: wrongKey,
    });
    const error = await editImage({
      provider,
      model: 'acme-edit-1',
      prompt: 'invert',
      images: { data: await colourfulPng(), filename: 'red.png' },
    }).catch((caught: unknown) => caught);
    expect(isRetouchError(error) && error.code).toBe('authentication');
    expect(JSON.stringify(error)).not.toContain(wrongKey);
    expect(String((error as Error).message)).not.toContain(wrongKey);
  });
});
