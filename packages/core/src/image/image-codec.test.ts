import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadImageCodec } from './image-codec.js';

const heicPath = new URL('./__fixtures__/phone.heic', import.meta.url).pathname;

/** A 60×40 landscape picture, red on the left, blue on the right, stored as raw RGB. */
function halves(width = 60, height = 40): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const left = i % width < width / 2;
    pixels.set(left ? [230, 20, 20] : [20, 20, 230], i * 3);
  }
  return pixels;
}

function pixel(raw: { data: Uint8Array; width: number; channels: number }, x: number, y: number) {
  const o = (y * raw.width + x) * raw.channels;
  return [...raw.data.subarray(o, o + 3)];
}

function isRed([r, g, b]: number[]) {
  return r! > 150 && g! < 90 && b! < 90;
}
function isBlue([r, g, b]: number[]) {
  return b! > 150 && r! < 90 && g! < 90;
}

/** A 24-bit bottom-up BMP, as Windows Paint saves one. */
function bmp(width: number, height: number, rgb: Buffer): Uint8Array {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 3;
      const to = 54 + (height - 1 - y) * stride + x * 3;
      out[to] = rgb[from + 2]!;
      out[to + 1] = rgb[from + 1]!;
      out[to + 2] = rgb[from]!;
    }
  }
  return out;
}

describe('image codec', () => {
  it('decodes a JPEG upright when its EXIF orientation says the camera was turned', async () => {
    const codec = await loadImageCodec();
    const jpeg = await sharp(halves(), { raw: { width: 60, height: 40, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const info = await codec.metadata(jpeg);
    expect(info).toMatchObject({ mediaType: 'image/jpeg', width: 60, height: 40, orientation: 6 });
    expect([info.uprightWidth, info.uprightHeight]).toEqual([40, 60]);
    const raw = await codec.decode(jpeg);
    expect([raw.width, raw.height]).toEqual([40, 60]);
    // Orientation 6 is a 90° clockwise turn: the left (red) half ends up on top.
    expect(isRed(pixel(raw, 20, 5))).toBe(true);
    expect(isBlue(pixel(raw, 20, 55))).toBe(true);
  });

  it('reads a phone HEIC and transcodes it to a JPEG that keeps its picture', async () => {
    const codec = await loadImageCodec();
    const info = await codec.metadata({ path: heicPath });
    expect(info).toMatchObject({
      mediaType: 'image/heic',
      width: 480,
      height: 360,
      hasAlpha: false,
    });
    const out = await codec.transcode({ path: heicPath }, { format: 'jpeg', maxEdge: 240 });
    expect(out).toMatchObject({ mediaType: 'image/jpeg', width: 240, height: 180 });
    const raw = await codec.decode(out.data);
    expect(isRed(pixel(raw, 30, 90))).toBe(true);
    expect(isBlue(pixel(raw, 210, 90))).toBe(true);
  });

  it('reads BMP, TIFF, AVIF, GIF and 16-bit PNG, and writes 8-bit output', async () => {
    const codec = await loadImageCodec();
    const raw = { raw: { width: 60, height: 40, channels: 3 as const } };
    const inputs: [string, Uint8Array][] = [
      ['image/bmp', bmp(60, 40, halves())],
      ['image/tiff', await sharp(halves(), raw).tiff().toBuffer()],
      ['image/avif', await sharp(halves(), raw).avif().toBuffer()],
      ['image/gif', await sharp(halves(), raw).gif().toBuffer()],
      ['image/png', await sharp(halves(), raw).toColourspace('rgb16').png().toBuffer()],
    ];
    for (const [type, bytes] of inputs) {
      const info = await codec.metadata(bytes);
      expect(info.mediaType, type).toBe(type);
      expect([info.width, info.height], type).toEqual([60, 40]);
      const out = await codec.transcode(bytes, { format: 'png' });
      const decoded = await codec.decode(out.data);
      expect(isRed(pixel(decoded, 5, 20)), type).toBe(true);
      expect(isBlue(pixel(decoded, 55, 20)), type).toBe(true);
      expect((await codec.metadata(out.data)).bitDepth, type).toBe(8);
    }
    expect((await codec.metadata(inputs[4]![1])).bitDepth).toBe(16);
  });

  it('resizes with exact sizes, never enlarges to fit an edge, and encodes each format', async () => {
    const codec = await loadImageCodec();
    const png = await sharp(halves(), { raw: { width: 60, height: 40, channels: 3 } })
      .png()
      .toBuffer();
    expect(await codec.transcode(png, { format: 'png', maxEdge: 4000 })).toMatchObject({
      width: 60,
      height: 40,
    });
    expect(await codec.transcode(png, { format: 'webp', width: 33, height: 22 })).toMatchObject({
      width: 33,
      height: 22,
      mediaType: 'image/webp',
    });
    const small = await codec.resize(await codec.decode(png), 30, 20);
    expect([small.width, small.height, small.channels]).toEqual([30, 20, 3]);
    const jpeg = await codec.encode(small, { format: 'jpeg', quality: 80 });
    expect((await codec.metadata(jpeg)).mediaType).toBe('image/jpeg');
    expect(codec.name).toMatch(/^sharp \S+ \(libvips/);
  });
});
