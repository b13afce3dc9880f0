import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../contract/capabilities.js';
import { png, testCapabilities } from './__fixtures__/test-provider.js';
import { checkEditInputs } from './check-edit-inputs.js';

/** Like dall-e-2: square PNGs only, one image, a mask. */
const squarePngOnly: ModelInfo = {
  id: 'square-model',
  capabilities: {
    ...testCapabilities,
    inputMediaTypes: ['image/png'],
    squareInputsOnly: true,
    maxInputImages: 1,
  },
};

function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 9, g: 99, b: 199 } } })
    .jpeg()
    .toBuffer();
}

describe('checkEditInputs', () => {
  it('finds nothing wrong with images the model takes', async () => {
    const issues = await checkEditInputs({
      model: squarePngOnly,
      images: [{ data: await png(64, 64), filename: 'logo.png' }],
    });
    expect(issues).toEqual([]);
  });

  it('names every problem of a non-square JPEG for a square-PNG model, before any prompt exists', async () => {
    const notSquare = {
      field: 'images[0]',
      message:
        'photo.jpg is 96x64; square-model edits only square images, so crop it or pick another model',
    };
    const asItIs = await checkEditInputs({
      model: squarePngOnly,
      images: [{ data: await jpeg(96, 64), filename: 'photo.jpg' }],
      keepInput: true,
    });
    expect(asItIs).toEqual([
      notSquare,
      { field: 'images[0]', message: 'photo.jpg is image/jpeg; allowed: image/png' },
    ]);
    // Prepared, the JPEG goes as the PNG the model takes; only its shape is still wrong.
    const prepared = await checkEditInputs({
      model: squarePngOnly,
      images: [{ data: await jpeg(96, 64), filename: 'photo.jpg' }],
    });
    expect(prepared).toEqual([notSquare]);
  });

  it('counts images, and reports a file that is not an image with the others', async () => {
    const issues = await checkEditInputs({
      model: squarePngOnly,
      images: [
        { data: await png(32, 32), filename: 'a.png' },
        { data: new TextEncoder().encode('meeting notes'), filename: 'notes.png' },
      ],
    });
    expect(issues.map((issue) => issue.field)).toEqual(['images[1]', 'images']);
    expect(issues[0]!.message).toMatch(/notes\.png/);
    expect(issues[1]!.message).toBe('has 2 images; square-model takes at most 1');
  });

  it('checks the mask against the first image, as the engine does', async () => {
    const issues = await checkEditInputs({
      model: squarePngOnly,
      images: [{ data: await png(64, 64), filename: 'photo.png' }],
      mask: { data: await png(32, 32, true), filename: 'mask.png' },
    });
    expect(issues).toEqual([
      {
        field: 'mask',
        message:
          'mask.png is 32x32 but photo.png is 64x64; the mask must have the same dimensions as the first image',
      },
    ]);
  });
});
