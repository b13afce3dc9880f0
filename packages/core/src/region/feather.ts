import type { RawImage } from '../image/codec-types.js';

/**
 * How much of the edit each pixel of a mask-sized area takes, 0–1: 1 wherever the mask marks an
 * edit (alpha 0), fading to exactly 0 within `radius`·2 pixels outside it. Beyond that the weight
 * is 0, so those pixels stay the original's bit for bit. Square dilation by `radius`, then a box
 * blur of `radius`, both on summed-area tables.
 */
export function featherWeights(mask: RawImage, radius: number): Float32Array {
  const { width, height } = mask;
  const edit = new Float32Array(width * height);
  for (let i = 0; i < edit.length; i++) edit[i] = 1 - mask.data[i * 4 + 3]! / 255;
  if (radius < 1) return edit;
  const marked = new Float32Array(width * height);
  for (let i = 0; i < edit.length; i++) marked[i] = edit[i]! > 0 ? 1 : 0;
  const dilated = boxMean(marked, width, height, radius).map((v) => (v > 0 ? 1 : 0));
  const soft = boxMean(dilated, width, height, radius);
  for (let i = 0; i < edit.length; i++) edit[i] = Math.max(edit[i]!, soft[i]!);
  return edit;
}

function boxMean(values: Float32Array, width: number, height: number, r: number): Float32Array {
  const w1 = width + 1;
  const sat = new Float64Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += values[y * width + x]!;
      sat[(y + 1) * w1 + x + 1] = sat[y * w1 + x + 1]! + row;
    }
  }
  const out = new Float32Array(width * height);
  const area = (2 * r + 1) * (2 * r + 1);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(width, x + r + 1);
      const sum = sat[y1 * w1 + x1]! - sat[y0 * w1 + x1]! - sat[y1 * w1 + x0]! + sat[y0 * w1 + x0]!;
      // Below 1e-6 is float noise from the table: it must read as exactly 0.
      const mean = sum / area;
      out[y * width + x] = mean < 1e-6 ? 0 : Math.min(1, mean);
    }
  }
  return out;
}
