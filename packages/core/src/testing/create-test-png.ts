import { encodePng } from '../inputs/encode-png.js';

export interface TestPngOptions {
  /** RGBA with a transparent centre, as a mask would be. Default false (RGB). */
  alpha?: boolean;
}

/**
 * A small valid PNG with a colour gradient, made without an image library, so the conformance
 * kit needs nothing but Node. With `alpha`, the centre is transparent, which makes it a mask.
 */
export function createTestPng(width = 64, height = 48, options: TestPngOptions = {}): Uint8Array {
  const channels = options.alpha ? 4 : 3;
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      pixels[at] = Math.round((255 * x) / Math.max(1, width - 1));
      pixels[at + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      pixels[at + 2] = 160;
      if (options.alpha) {
        const inside = Math.abs(x - width / 2) < width / 4 && Math.abs(y - height / 2) < height / 4;
        pixels[at + 3] = inside ? 0 : 255;
      }
    }
  }
  return encodePng({ width, height, channels, pixels });
}
