import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../inputs/encode-png.js';
import { readImageInput } from '../inputs/read-image-input.js';
import { flattenMarkup } from './flatten-markup.js';

const W = 4;
const H = 3;
const gray = () =>
  readImageInput({
    data: encodePng({
      width: W,
      height: H,
      channels: 3,
      pixels: new Uint8Array(W * H * 3).fill(100),
    }),
    filename: 'photo.png',
  });
/** A transparent layer with one opaque red mark at (1, 1) and a faint stray pixel at (2, 2). */
function layer() {
  const pixels = new Uint8Array(W * H * 4);
  pixels.set([255, 0, 0, 255], (1 * W + 1) * 4);
  pixels.set([0, 0, 255, 40], (2 * W + 2) * 4);
  return readImageInput({
    data: encodePng({ width: W, height: H, channels: 4, pixels }),
    filename: 'marks.png',
  });
}

describe('flattenMarkup', () => {
  it('draws each mark crisply onto the image and leaves every other pixel as it was', async () => {
    const flattened = await flattenMarkup(await gray(), await layer());
    if ('issue' in flattened) throw new Error(flattened.issue.message);
    const { data } = await sharp(await flattened.file.bytes())
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)];
    expect(at(1, 1)).toEqual([255, 0, 0]);
    expect(at(2, 2)).toEqual([100, 100, 100]); // below half opacity: background, not a mark
    expect(at(0, 0)).toEqual([100, 100, 100]);
    expect(flattened.file).toMatchObject({ mediaType: 'image/png', width: W, height: H });
  });

  it('refuses an image it cannot decode, saying what to do', async () => {
    const jpeg = await readImageInput({
      data: new Uint8Array(
        await sharp({ create: { width: W, height: H, channels: 3, background: '#888' } })
          .jpeg()
          .toBuffer(),
      ),
      filename: 'photo.jpg',
    });
    const outcome = await flattenMarkup(jpeg, await layer());
    expect(outcome).toMatchObject({
      issue: { field: 'markup', message: expect.stringMatching(/PNG only.*its own layer/) },
    });
  });
});
