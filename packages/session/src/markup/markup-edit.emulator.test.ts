import { createRegistry, editImage } from '@retouch/core';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupDelivery } from './frame-markup-prompt.js';
import { markupEditInputs } from './markup-edit-inputs.js';

const key = 'sk-markup-test-0123456789';
const W = 96;
const H = 64;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());

/** A flat gray picture with a dark square at (20..35, 20..35): the thing to remove. */
function picture(): Buffer {
  const data = Buffer.alloc(W * H * 3, 150);
  for (let y = 20; y < 36; y++)
    for (let x = 20; x < 36; x++) data.fill(30, (y * W + x) * 3, (y * W + x) * 3 + 3);
  return data;
}

/** The same with a red box drawn around the square. */
function markedUp(): Buffer {
  const data = picture();
  for (let y = 14; y < 42; y++) {
    for (let x = 14; x < 42; x++) {
      if (x < 16 || x > 39 || y < 16 || y > 39) data.set([255, 30, 30], (y * W + x) * 3);
    }
  }
  return data;
}

const png = (raw: Buffer) =>
  sharp(raw, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();

async function edit(delivery: MarkupDelivery) {
  const { images, prompt } = markupEditInputs({
    instruction: 'remove this',
    source: await png(picture()),
    markedUp: await png(markedUp()),
    delivery,
  });
  const result = await editImage({
    provider: createRegistry([openAICompatiblePlugin]).createProvider('openai-compatible', {
      baseURL: `${emulator.url}/v1`,
      apiKey: key,
    }),
    model: 'gpt-image-1',
    prompt,
    images,
  });
  const { data } = await sharp(result.images[0]!.data)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return (x: number, y: number) => [...data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)];
}

describe.each(['flattened', 'reference'] as const)('a %s markup edit', (delivery) => {
  it('makes the model remove what the box encloses and leave no trace of the box', async () => {
    const at = await edit(delivery);
    expect(at(27, 27)).toEqual([150, 150, 150]); // the square is gone
    expect(at(15, 15)).toEqual([150, 150, 150]); // so is the box
    expect(at(80, 50)).toEqual([150, 150, 150]); // and nothing else changed
  });
});
