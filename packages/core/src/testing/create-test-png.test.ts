import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImage } from '../inputs/sniff-image.js';
import { createTestPng } from './create-test-png.js';

describe('createTestPng', () => {
  it('makes a PNG that a real decoder reads, with or without alpha', async () => {
    const rgb = createTestPng(31, 17);
    const rgba = createTestPng(20, 20, { alpha: true });
    expect(sniffImage(rgb)).toEqual({
      mediaType: 'image/png',
      width: 31,
      height: 17,
      hasAlpha: false,
      bitDepth: 8,
    });
    expect(await sharp(rgb).metadata()).toMatchObject({ width: 31, height: 17, channels: 3 });
    const { data, info } = await sharp(rgba).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    expect(data[(10 * 20 + 10) * 4 + 3]).toBe(0); // transparent centre
    expect(data[3]).toBe(255); // opaque corner
  });
});
