import { createHash } from 'node:crypto';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditCall } from '../contract/edit-call.js';
import type { ImageEditProvider } from '../contract/provider.js';
import { createEmulatorProvider } from '../engine/__fixtures__/emulator-provider.js';
import { editImage } from '../engine/edit-image.js';

const key = 'sk-prepare-test-0123456789';
const heicPath = new URL('../image/__fixtures__/phone.heic', import.meta.url).pathname;
let emulator: Emulator;

// Like a service that drops the EXIF orientation tag: a turned photo sent as is comes back sideways.
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, exifOrientation: 'ignore', log: () => {} });
});
afterAll(() => emulator.close());

/** gpt-image-1's limits as the model table states them: it makes use of 1536 pixels at most. */
const provider = () =>
  createEmulatorProvider(emulator.url, key, {
    maxUsefulInputEdge: 1536,
    maxInputBytes: 50 * 1024 * 1024,
  });

/** Red on the left half, blue on the right, as stored (before any orientation). */
function halves(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    data.set(i % width < width / 2 ? [220, 30, 30] : [30, 30, 220], i * 3);
  }
  return data;
}

async function pixels(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => [
    ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
  ];
  return { width: info.width, height: info.height, at };
}

// After "invert": red becomes cyan, blue becomes yellow.
const isCyan = ([r, g, b]: number[]) => r! < 80 && g! > 170 && b! > 170;
const isYellow = ([r, g, b]: number[]) => r! > 170 && g! > 170 && b! < 80;
const isRed = ([r, g, b]: number[]) => r! > 170 && g! < 80 && b! < 80;

/** Keeps what the engine handed the provider, which is what goes on the wire. */
function recording(inner: ImageEditProvider) {
  const calls: EditCall[] = [];
  const wrapped: ImageEditProvider = {
    ...inner,
    edit: (call) => {
      calls.push(call);
      return inner.edit!(call);
    },
  };
  return { provider: wrapped, calls };
}

describe('input preparation against the emulator', () => {
  it('sends an EXIF-rotated camera JPEG upright and shrunk, so it comes back upright', async () => {
    // A 2400×1600 landscape frame the camera tagged "turn 90° clockwise": the user sees a portrait.
    const photo = await sharp(halves(2400, 1600), {
      raw: { width: 2400, height: 1600, channels: 3 },
    })
      .jpeg({ quality: 90 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await editImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'invert',
      images: { data: photo, filename: 'camera.jpg' },
    });
    const out = await pixels(result.images[0]!.data);
    expect([out.width, out.height]).toEqual([1024, 1536]);
    // Upright: the stored left half (red, inverted to cyan) is on top.
    expect(isCyan(out.at(512, 100))).toBe(true);
    expect(isYellow(out.at(512, 1400))).toBe(true);
    expect(result.preparedInputs).toEqual([
      expect.objectContaining({
        field: 'images[0]',
        changes: ['orient', 'shrink'],
        original: expect.objectContaining({ mediaType: 'image/jpeg', width: 2400, height: 1600 }),
        sent: expect.objectContaining({ mediaType: 'image/jpeg', width: 1024, height: 1536 }),
      }),
    ]);
    const note = result.warnings.find((w) => w.type === 'input-prepared');
    expect(note?.message).toMatch(
      /^camera\.jpg: sent 1024×1536 JPEG \(.+\) instead of 2400×1600 JPEG \(.+\), turned upright$/,
    );

    // The same photo with --keep-input reaches the service as stored and comes back sideways.
    const kept = await editImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'invert',
      images: { data: photo, filename: 'camera.jpg' },
      keepInput: true,
    });
    const sideways = await pixels(kept.images[0]!.data);
    // gpt-image-1 answers the landscape frame at its landscape preset.
    expect([sideways.width, sideways.height]).toEqual([1536, 1024]);
    expect(kept.preparedInputs).toBeUndefined();
  });

  it('scales the mask with its image, and the edit stays inside the mask', async () => {
    const W = 3000;
    const H = 2000;
    const image = await sharp(halves(W, H), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    // Transparent (edit here) over the top half only, in the image's full size.
    const maskPixels = Buffer.alloc(W * H * 4, 255);
    for (let y = 0; y < H / 2; y++) maskPixels.fill(0, y * W * 4, (y + 1) * W * 4);
    for (let i = 0; i < W * H; i++) maskPixels[i * 4 + 3] = i < (W * H) / 2 ? 0 : 255;
    const mask = await sharp(maskPixels, { raw: { width: W, height: H, channels: 4 } })
      .png()
      .toBuffer();
    const result = await editImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'invert',
      images: { data: image, filename: 'big.png' },
      mask: { data: mask, filename: 'mask.png' },
    });
    const out = await pixels(result.images[0]!.data);
    // The answer is put back into the full-size original inside the mask (issue 30).
    expect([out.width, out.height]).toEqual([3000, 2000]);
    expect(isCyan(out.at(390, 390))).toBe(true); // top left: inside the mask, inverted
    expect(isYellow(out.at(2540, 390))).toBe(true);
    expect(isRed(out.at(390, 1560))).toBe(true); // bottom left: outside, untouched
    expect(out.at(2540, 1560)[2]).toBeGreaterThan(170);
    expect(
      result.preparedInputs?.map((p) => [p.field, p.sent.width, p.sent.height, p.changes]),
    ).toEqual([
      ['images[0]', 3000, 2000, ['composite']],
      ['images[0]', 1536, 1024, ['shrink']],
      ['mask', 1536, 1024, ['scale-with-image']],
    ]);
    // Decoding, feathering and compositing a 6-megapixel picture on a busy machine.
  }, 60_000);

  it('edits a phone HEIC, sent as a JPEG the model takes', async () => {
    const result = await editImage({
      provider: provider(),
      model: 'gpt-image-1',
      prompt: 'invert',
      images: heicPath,
    });
    const out = await pixels(result.images[0]!.data);
    // gpt-image-1 answers the 4:3 photo at its nearest preset, 1536x1024.
    expect([out.width, out.height]).toEqual([1536, 1024]);
    expect(isCyan(out.at(192, 512))).toBe(true);
    expect(isYellow(out.at(1344, 512))).toBe(true);
    expect(result.preparedInputs?.[0]).toMatchObject({
      changes: ['convert'],
      original: { mediaType: 'image/heic', width: 480, height: 360 },
      sent: { mediaType: 'image/jpeg', width: 480, height: 360 },
    });
    expect(result.warnings.map((w) => w.message)).toContain(result.preparedInputs![0]!.note);
    expect(result.preparedInputs![0]!.note).toMatch(
      /^phone\.heic: sent 480×360 JPEG .* instead of 480×360 HEIC/,
    );
  }, 30_000);

  it('refuses a HEIC with keepInput, and sends a kept JPEG byte for byte', async () => {
    await expect(
      editImage({
        provider: provider(),
        model: 'gpt-image-1',
        prompt: 'invert',
        images: heicPath,
        keepInput: true,
      }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining(
        'phone.heic is image/heic; allowed: image/png, image/jpeg, image/webp',
      ),
    });
    const photo = await sharp(halves(2000, 1000), {
      raw: { width: 2000, height: 1000, channels: 3 },
    })
      .jpeg()
      .toBuffer();
    const { provider: recorded, calls } = recording(provider());
    await editImage({
      provider: recorded,
      model: 'gpt-image-1',
      prompt: 'invert',
      images: photo,
      keepInput: true,
    });
    const sent = await calls[0]!.images[0]!.bytes();
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(sha(sent)).toBe(sha(photo));
    // Without it, the same photo goes shrunk to 1536.
    const { provider: prepared, calls: preparedCalls } = recording(provider());
    await editImage({ provider: prepared, model: 'gpt-image-1', prompt: 'invert', images: photo });
    expect(preparedCalls[0]!.images[0]!.width).toBe(1536);
  });

  it('sends an input that needs nothing exactly as it is', async () => {
    const small = await sharp(halves(64, 48), { raw: { width: 64, height: 48, channels: 3 } })
      .png()
      .toBuffer();
    const { provider: recorded, calls } = recording(provider());
    const result = await editImage({
      provider: recorded,
      model: 'gpt-image-1',
      prompt: 'invert',
      images: small,
    });
    expect(result.preparedInputs).toBeUndefined();
    expect(Buffer.from(await calls[0]!.images[0]!.bytes()).equals(small)).toBe(true);
  });
});
