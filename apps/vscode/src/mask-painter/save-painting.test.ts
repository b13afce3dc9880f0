import { encodePng } from '@retouch/core/provider';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { paintingFiles } from './save-painting.js';

const image = { width: 8, height: 6 };
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const markedUp = (width = 8, height = 6) =>
  base64(encodePng({ width, height, channels: 3, pixels: new Uint8Array(width * height * 3) }));
const coverage = (painted: number) => {
  const bytes = new Uint8Array(48);
  bytes.fill(255, 0, painted);
  return base64(bytes);
};

describe('paintingFiles', () => {
  it('keeps the marked-up image as sent and adds a mask when one was painted', async () => {
    const files = paintingFiles(
      { type: 'save', width: 8, height: 6, markup: markedUp(), coverage: coverage(8) },
      'markup',
      image,
    );
    expect(base64(files.markupPng!)).toBe(markedUp());
    const mask = await sharp(files.maskPng!).ensureAlpha().raw().toBuffer();
    expect(mask[3]).toBe(0); // the painted first row is editable
    expect(mask[8 * 4 + 3]).toBe(255);
  });

  it('sends no mask when none was painted', () => {
    const files = paintingFiles(
      { type: 'save', width: 8, height: 6, markup: markedUp(), coverage: coverage(0) },
      'markup',
      image,
    );
    expect(files.maskPng).toBeUndefined();
  });

  it('refuses markup that is missing, not a PNG, or of another size', () => {
    const save = { type: 'save' as const, width: 8, height: 6 };
    expect(() => paintingFiles(save, 'markup', image)).toThrow(/nothing is drawn/);
    expect(() =>
      paintingFiles({ ...save, markup: base64(new Uint8Array(20)) }, 'markup', image),
    ).toThrow(/not a PNG/);
    expect(() => paintingFiles({ ...save, markup: markedUp(8, 7) }, 'markup', image)).toThrow(
      /marked-up image is 8x7, the image 8x6/,
    );
    expect(() => paintingFiles({ ...save, width: 9 }, 'markup', image)).toThrow(/9x6/);
  });

  it('refuses a mask save with nothing painted', () => {
    expect(() =>
      paintingFiles({ type: 'save', width: 8, height: 6, coverage: coverage(0) }, 'mask', image),
    ).toThrow(/nothing is painted/);
  });
});
