import type { RawImage } from './raw-image.js';

/**
 * Confines an edit to the mask's transparent pixels: where the mask's alpha is 0 the edited
 * pixel is kept, where it is 255 the original pixel is kept, and partial alpha blends the two.
 * With a `driftSeed` the kept pixels drift by up to ±2 per channel (deterministically), as a
 * model that treats the mask as guidance and redraws everything does: only a client that
 * composites gets its original pixels back.
 */
export function applyMask(
  original: RawImage,
  edited: RawImage,
  mask: RawImage,
  driftSeed?: number,
): RawImage {
  if (mask.width !== original.width || mask.height !== original.height) {
    throw new Error('mask dimensions must equal the image dimensions');
  }
  const out = Buffer.alloc(original.data.length);
  let state = (driftSeed ?? 0) >>> 0 || 1;
  for (let i = 0; i < out.length; i += 4) {
    const keep = mask.data[i + 3]! / 255;
    for (let c = 0; c < 4; c++) {
      let value = edited.data[i + c]! * (1 - keep) + original.data[i + c]! * keep;
      if (driftSeed !== undefined && c < 3) {
        // xorshift32: a cheap deterministic wobble of -2..+2
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        value += ((state >>> 0) % 5) - 2;
      }
      out[i + c] = Math.min(255, Math.max(0, Math.round(value)));
    }
  }
  return { ...original, data: out };
}
