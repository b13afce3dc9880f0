import type { RawImage } from './raw-image.js';

/**
 * Confines an edit to the mask's transparent pixels: where the mask's alpha is 0 the edited
 * pixel is kept, where it is 255 the original pixel is kept, and partial alpha blends the two.
 */
export function applyMask(original: RawImage, edited: RawImage, mask: RawImage): RawImage {
  if (mask.width !== original.width || mask.height !== original.height) {
    throw new Error('mask dimensions must equal the image dimensions');
  }
  const out = Buffer.alloc(original.data.length);
  for (let i = 0; i < out.length; i += 4) {
    const keep = mask.data[i + 3]! / 255;
    for (let c = 0; c < 4; c++) {
      out[i + c] = Math.round(edited.data[i + c]! * (1 - keep) + original.data[i + c]! * keep);
    }
  }
  return { ...original, data: out };
}
