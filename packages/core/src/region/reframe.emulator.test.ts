import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditCall } from '../contract/edit-call.js';
import type { ImageEditProvider } from '../contract/provider.js';
import { createEmulatorProvider } from '../engine/__fixtures__/emulator-provider.js';
import { editImage } from '../engine/edit-image.js';

const key = 'sk-region-test-0123456789';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());

/** gpt-image-1 as its model table states it: three presets, 1536 pixels of useful input. */
function gptImage1() {
  const calls: EditCall[] = [];
  const inner = createEmulatorProvider(emulator.url, key, {
    sizes: { presets: ['auto', '1024x1024', '1536x1024', '1024x1536'] },
    maxUsefulInputEdge: 1536,
    maxInputBytes: 50 * 1024 * 1024,
  });
  const provider: ImageEditProvider = {
    ...inner,
    edit: (call) => {
      calls.push(call);
      return inner.edit!(call);
    },
  };
  return { provider, calls };
}

/** A picture with detail everywhere (so a changed pixel shows), as raw RGB. */
function texture(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 7 + y * 3) & 255;
      data[i + 1] = (x * 2 + y * 5) & 255;
      data[i + 2] = 60 + ((x ^ y) & 127);
    }
  }
  return data;
}

async function rgb(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('framing and region edits against the emulator', () => {
  it('a 4000×3000 photo edited with gpt-image-1 without a mask comes back at 4:3', async () => {
    const photo = await sharp(texture(4000, 3000), {
      raw: { width: 4000, height: 3000, channels: 3 },
    })
      .jpeg({ quality: 85 })
      .toBuffer();
    const { provider, calls } = gptImage1();
    const result = await editImage({
      provider,
      model: 'gpt-image-1',
      prompt: 'invert',
      images: { data: photo, filename: 'photo.jpg' },
    });
    const out = result.images[0]!;
    expect(out.width / out.height).toBeCloseTo(4 / 3, 2);
    // Asked for the nearest preset, padded to its 3:2 and cropped back.
    expect(calls[0]!.size).toBe('1536x1024');
    expect(calls[0]!.prompt).toMatch(/padding/);
    const note = result.preparedInputs?.find((p) => p.changes.includes('pad'));
    expect(note?.note).toMatch(/padded to 4500×3000 .* cropped back/);
    // Without it (a size asked for), the answer is the model's 3:2.
    const plain = await editImage({
      provider,
      model: 'gpt-image-1',
      prompt: 'invert',
      images: { data: photo, filename: 'photo.jpg' },
      size: '1536x1024',
    });
    expect(plain.images[0]!.width / plain.images[0]!.height).toBeCloseTo(1.5, 2);
  }, 120_000);

  it('a mask over 600×400 of a 6000×4000 photo: only the region changes, at full size', async () => {
    const W = 6000;
    const H = 4000;
    const photo = await sharp(texture(W, H), { raw: { width: W, height: H, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const box = { left: 4200, top: 2600, width: 600, height: 400 };
    const maskPixels = Buffer.alloc(W * H * 4, 255);
    for (let y = box.top; y < box.top + box.height; y++) {
      for (let x = box.left; x < box.left + box.width; x++) maskPixels[(y * W + x) * 4 + 3] = 0;
    }
    const mask = await sharp(maskPixels, { raw: { width: W, height: H, channels: 4 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const { provider, calls } = gptImage1();
    const result = await editImage({
      provider,
      model: 'gpt-image-1',
      prompt: 'invert',
      images: { data: photo, filename: 'street.png' },
      mask: { data: mask, filename: 'mask.png' },
    });
    const out = await rgb(result.images[0]!.data);
    expect([out.width, out.height]).toEqual([W, H]);
    const before = await rgb(photo);
    // The feather reaches at most 2 × 2% of the sent region's shorter side past the mask.
    const reach = 64;
    let changedOutside = 0;
    for (let y = 0; y < H; y++) {
      const nearY = y >= box.top - reach && y < box.top + box.height + reach;
      for (let x = 0; x < W; x++) {
        if (nearY && x >= box.left - reach && x < box.left + box.width + reach) continue;
        const i = (y * W + x) * 3;
        if (
          out.data[i] !== before.data[i] ||
          out.data[i + 1] !== before.data[i + 1] ||
          out.data[i + 2] !== before.data[i + 2]
        )
          changedOutside++;
      }
    }
    expect(changedOutside).toBe(0);
    // Inside: inverted (give or take the model's resampling and drift).
    let inverted = 0;
    let samples = 0;
    for (let y = box.top + 20; y < box.top + box.height - 20; y += 17) {
      for (let x = box.left + 20; x < box.left + box.width - 20; x += 17) {
        const i = (y * W + x) * 3;
        samples++;
        const g = out.data[i + 1]!;
        if (Math.abs(g - (255 - before.data[i + 1]!)) < Math.abs(g - before.data[i + 1]!))
          inverted++;
      }
    }
    expect(inverted / samples).toBeGreaterThan(0.8);
    // What was sent: a crop around the region, not the 6000×4000 photo.
    const sent = calls[0]!.images[0]!;
    expect(sent.width).toBeLessThanOrEqual(1536);
    expect(calls[0]!.mask?.width).toBe(sent.width);
    const region = result.preparedInputs?.find((p) => p.changes.includes('region'));
    expect(region?.note).toMatch(/region at \(\d+, \d+\) of the 6000×4000 picture/);
  }, 180_000);

  it('--whole-image sends the whole photo and gets the model size back', async () => {
    const W = 1200;
    const H = 800;
    const photo = await sharp(texture(W, H), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    const maskPixels = Buffer.alloc(W * H * 4, 255);
    for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) maskPixels[(y * W + x) * 4 + 3] = 0;
    const mask = await sharp(maskPixels, { raw: { width: W, height: H, channels: 4 } })
      .png()
      .toBuffer();
    const { provider, calls } = gptImage1();
    const result = await editImage({
      provider,
      model: 'gpt-image-1',
      prompt: 'invert',
      images: photo,
      mask,
      region: { wholeImage: true },
    });
    expect(calls[0]!.images[0]!.width).toBe(W);
    expect([result.images[0]!.width, result.images[0]!.height]).toEqual([1536, 1024]);
  }, 60_000);
});
