import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { png } from '../engine/__fixtures__/test-provider.js';
import { checkMask } from './check-mask.js';
import { readImage } from './read-image-input.js';

const read = async (bytes: Uint8Array, filename: string) => readImage({ data: bytes, filename });

describe('checkMask', () => {
  it('accepts an RGBA PNG with the first image’s dimensions', async () => {
    const image = await read(await png(40, 30), 'photo.png');
    const mask = await read(await png(40, 30, true), 'mask.png');
    expect(await checkMask(mask, image.file)).toEqual([]);
  });

  it('rejects a PNG without alpha and says how to fix it', async () => {
    const image = await read(await png(40, 30), 'photo.png');
    const mask = await read(await png(40, 30, false), 'mask.png');
    expect(await checkMask(mask, image.file)).toEqual([
      {
        field: 'mask',
        message:
          'mask.png has no alpha channel; save the mask as an RGBA PNG whose transparent pixels mark the area to edit',
      },
    ]);
  });

  it('rejects a mask that is not a PNG', async () => {
    const image = await read(await png(40, 30), 'photo.png');
    const webp = await sharp(await png(40, 30, true))
      .webp({ lossless: true })
      .toBuffer();
    const issues = await checkMask(await read(webp, 'mask.webp'), image.file);
    expect(issues).toEqual([
      {
        field: 'mask',
        message:
          'mask.webp is image/webp; a mask must be a PNG whose transparent pixels mark the area to edit',
      },
    ]);
  });

  it('names both sizes when the dimensions differ', async () => {
    const image = await read(await png(40, 30), 'photo.png');
    const mask = await read(await png(30, 40, true), 'mask.png');
    expect(await checkMask(mask, image.file)).toEqual([
      {
        field: 'mask',
        message:
          'mask.png is 30x40 but photo.png is 40x30; the mask must have the same dimensions as the first image',
      },
    ]);
  });
});
