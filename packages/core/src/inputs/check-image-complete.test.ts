import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkImageComplete } from './check-image-complete.js';

/** Noise, so encoders cannot shrink the image data to a few bytes and truncation hits pixels. */
function noisy(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

const formats = {
  png: () => noisy(40, 30).png().toBuffer(),
  'palette png': () => noisy(40, 30).png({ palette: true }).toBuffer(),
  jpeg: () => noisy(40, 30).jpeg().toBuffer(),
  'progressive jpeg': () => noisy(40, 30).jpeg({ progressive: true }).toBuffer(),
  'lossy webp': () => noisy(40, 30).webp().toBuffer(),
  'lossless webp': () => noisy(40, 30).webp({ lossless: true }).toBuffer(),
  'webp with alpha': () => noisy(40, 30).ensureAlpha(0.5).webp().toBuffer(),
  gif: () => noisy(40, 30).gif().toBuffer(),
};

describe('checkImageComplete', () => {
  it.each(Object.entries(formats))(
    'accepts a whole %s from a real encoder',
    async (_name, make) => {
      expect(checkImageComplete(await make())).toBeUndefined();
    },
  );

  it.each(Object.entries(formats))(
    'refuses a %s cut anywhere short of its end',
    async (_name, make) => {
      const whole = await make();
      // Every cut from just after the signature to one byte short of the end.
      const cuts = [
        12,
        45,
        Math.floor(whole.length / 3),
        Math.floor(whole.length / 2),
        whole.length - 1,
      ];
      for (const cut of cuts) {
        expect(
          checkImageComplete(whole.subarray(0, cut)),
          `cut at ${cut} of ${whole.length}`,
        ).toMatch(/cut short|ends before|no image|says/);
      }
    },
  );

  it('refuses a PNG cut after its header (no image data, no IEND)', async () => {
    const png = await formats.png();
    expect(checkImageComplete(png.subarray(0, 45))).toBeDefined();
  });

  it('refuses a PNG whose image data was altered (CRC mismatch)', async () => {
    const png = Buffer.from(await formats.png());
    const idat = png.indexOf('IDAT');
    png[idat + 20] = png[idat + 20]! ^ 0xff;
    expect(checkImageComplete(png)).toMatch(/IDAT chunk at byte \d+ is corrupt/);
  });

  it('allows bytes appended after the end of the image', async () => {
    for (const make of [formats.png, formats.jpeg, formats.gif]) {
      const whole = await make();
      expect(
        checkImageComplete(Buffer.concat([whole, Buffer.from('trailing metadata')])),
      ).toBeUndefined();
    }
  });

  it('leaves bytes of no known format to the sniffer', () => {
    expect(
      checkImageComplete(new TextEncoder().encode('<html>not an image</html>')),
    ).toBeUndefined();
  });
});
