import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePng, encodePngChunk } from './encode-png.js';
import { sniffImage } from './sniff-image.js';

describe('encodePng', () => {
  it('writes RGBA pixels that a real decoder reads back exactly, alpha included', async () => {
    const pixels = Uint8Array.from({ length: 5 * 3 * 4 }, (_, i) => (i * 37) % 256);
    const png = encodePng({ width: 5, height: 3, channels: 4, pixels });
    expect(sniffImage(png)).toMatchObject({
      mediaType: 'image/png',
      width: 5,
      height: 3,
      hasAlpha: true,
    });
    const decoded = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(decoded.info).toMatchObject({ width: 5, height: 3, channels: 4 });
    expect(Buffer.from(decoded.data).equals(Buffer.from(pixels))).toBe(true);
  });

  it('writes RGB without an alpha channel', async () => {
    const pixels = new Uint8Array(2 * 2 * 3).fill(200);
    const png = encodePng({ width: 2, height: 2, channels: 3, pixels });
    expect(sniffImage(png)?.hasAlpha).toBe(false);
    expect((await sharp(png).metadata()).channels).toBe(3);
  });

  it('refuses pixel data that does not match the dimensions', () => {
    expect(() =>
      encodePng({ width: 4, height: 4, channels: 4, pixels: new Uint8Array(10) }),
    ).toThrow(/needs 64 bytes, got 10/);
    expect(() => encodePng({ width: 0, height: 4, channels: 3, pixels: new Uint8Array() })).toThrow(
      /positive integer dimensions/,
    );
  });

  it('encodes a chunk as length, type, data and the CRC-32 of type and data', () => {
    const chunk = encodePngChunk('tEXt', new TextEncoder().encode('a'));
    expect([...chunk.subarray(0, 9)]).toEqual([0, 0, 0, 1, 0x74, 0x45, 0x58, 0x74, 0x61]);
    // The standard CRC-32 of "tEXta".
    expect(Buffer.from(chunk.subarray(9)).readUInt32BE(0)).toBe(crc32(Buffer.from('tEXta')));
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
