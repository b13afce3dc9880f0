import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeMaskPng, paintedPixelCount } from './encode-mask-png.js';

async function alphaAt(png: Uint8Array) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { info, alpha: (x: number, y: number) => data[(y * info.width + x) * 4 + 3] };
}

describe('encodeMaskPng', () => {
  it("keeps the image's exact size and makes painted pixels transparent, the rest opaque", async () => {
    const width = 37;
    const height = 21;
    const coverage = new Uint8Array(width * height);
    // Paint a 10x5 block at (3, 4) and one lightly covered pixel that must stay opaque.
    for (let y = 4; y < 9; y++) for (let x = 3; x < 13; x++) coverage[y * width + x] = 255;
    coverage[0] = 40;

    const png = encodeMaskPng(width, height, coverage);
    const { info, alpha } = await alphaAt(png);
    expect(info).toMatchObject({ width, height, channels: 4, format: 'raw' });
    expect(alpha(3, 4)).toBe(0);
    expect(alpha(12, 8)).toBe(0);
    expect(alpha(13, 8)).toBe(255);
    expect(alpha(2, 4)).toBe(255);
    expect(alpha(0, 0)).toBe(255);
    expect((await sharp(png).metadata()).hasAlpha).toBe(true);
    expect(paintedPixelCount(coverage)).toBe(50);
  });

  it('refuses coverage that does not match the dimensions', () => {
    expect(() => encodeMaskPng(10, 10, new Uint8Array(99))).toThrow(/99 pixels.*10x10/);
    expect(() => encodeMaskPng(0, 10, new Uint8Array(0))).toThrow(RangeError);
  });
});
