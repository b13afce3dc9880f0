import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff-image.js';

function solid(width: number, height: number, channels: 3 | 4) {
  const background =
    channels === 4 ? { r: 10, g: 200, b: 30, alpha: 0.5 } : { r: 10, g: 200, b: 30 };
  return sharp({ create: { width, height, channels, background } });
}

describe('sniffImage on real encoder output', () => {
  it('reads PNG dimensions and the alpha channel', async () => {
    const rgba = await solid(37, 21, 4).png().toBuffer();
    const rgb = await solid(37, 21, 3).png().toBuffer();
    expect(sniffImage(rgba)).toEqual({
      mediaType: 'image/png',
      width: 37,
      height: 21,
      hasAlpha: true,
      bitDepth: 8,
    });
    expect(sniffImage(rgb)).toEqual({
      mediaType: 'image/png',
      width: 37,
      height: 21,
      hasAlpha: false,
      bitDepth: 8,
    });
  });

  it('sees palette PNG transparency through its tRNS chunk', async () => {
    const palette = await solid(9, 13, 4).png({ palette: true }).toBuffer();
    expect(sniffImage(palette)).toMatchObject({ width: 9, height: 13, hasAlpha: true });
    const opaquePalette = await solid(9, 13, 3).png({ palette: true }).toBuffer();
    expect(sniffImage(opaquePalette)).toMatchObject({ width: 9, height: 13, hasAlpha: false });
  });

  it('reads JPEG dimensions from the frame header, baseline and progressive', async () => {
    const baseline = await solid(101, 57, 3).jpeg().toBuffer();
    const progressive = await solid(3, 1999, 3).jpeg({ progressive: true }).toBuffer();
    expect(sniffImage(baseline)).toEqual({
      mediaType: 'image/jpeg',
      width: 101,
      height: 57,
      hasAlpha: false,
    });
    expect(sniffImage(progressive)).toMatchObject({ width: 3, height: 1999 });
  });

  it('finds the JPEG frame behind a large EXIF block', async () => {
    const withExif = await solid(33, 17, 3)
      .jpeg()
      .withExif({ IFD0: { ImageDescription: 'x'.repeat(20_000) } })
      .toBuffer();
    expect(sniffImage(withExif)).toMatchObject({ mediaType: 'image/jpeg', width: 33, height: 17 });
  });

  it('reads lossy, lossless and alpha WebP', async () => {
    const lossy = await solid(65, 33, 3).webp().toBuffer();
    const lossless = await solid(65, 33, 4).webp({ lossless: true }).toBuffer();
    const lossyAlpha = await solid(65, 33, 4).webp().toBuffer();
    expect(sniffImage(lossy)).toEqual({
      mediaType: 'image/webp',
      width: 65,
      height: 33,
      hasAlpha: false,
    });
    expect(sniffImage(lossless)).toEqual({
      mediaType: 'image/webp',
      width: 65,
      height: 33,
      hasAlpha: true,
    });
    expect(sniffImage(lossyAlpha)).toEqual({
      mediaType: 'image/webp',
      width: 65,
      height: 33,
      hasAlpha: true,
    });
  });

  it('reads GIF dimensions and transparency', async () => {
    const transparent = await solid(19, 7, 4).gif().toBuffer();
    const opaque = await solid(19, 7, 3).gif().toBuffer();
    expect(sniffImage(transparent)).toMatchObject({
      mediaType: 'image/gif',
      width: 19,
      height: 7,
      hasAlpha: true,
    });
    expect(sniffImage(opaque)).toMatchObject({ mediaType: 'image/gif', width: 19, height: 7 });
  });

  it('needs only the head of a large file', async () => {
    const big = await sharp({
      create: {
        width: 400,
        height: 300,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(64 * 1024);
    expect(sniffImage(big.subarray(0, 64 * 1024))).toMatchObject({ width: 400, height: 300 });
  });

  it('returns undefined for text, empty and truncated input', async () => {
    expect(sniffImage(new TextEncoder().encode('hello, not an image'))).toBeUndefined();
    expect(sniffImage(new Uint8Array())).toBeUndefined();
    const png = await solid(4, 4, 3).png().toBuffer();
    expect(sniffImage(png.subarray(0, 20))).toBeUndefined();
  });
});
