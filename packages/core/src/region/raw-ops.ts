import type { RawImage } from '../image/codec-types.js';
import type { Box } from './region-box.js';

export function cropRaw(image: RawImage, box: Box): RawImage {
  const c = image.channels;
  const data = new Uint8Array(box.width * box.height * c);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.top + y) * image.width + box.left) * c;
    data.set(image.data.subarray(from, from + box.width * c), y * box.width * c);
  }
  return { data, width: box.width, height: box.height, channels: c };
}

/** `image` placed at (left, top) on a canvas filled with `fill` (one value per channel). */
export function padRaw(
  image: RawImage,
  canvas: { width: number; height: number },
  left: number,
  top: number,
  fill: readonly number[],
): RawImage {
  const c = image.channels;
  const data = new Uint8Array(canvas.width * canvas.height * c);
  for (let i = 0; i < canvas.width * canvas.height; i++) data.set(fill.slice(0, c), i * c);
  for (let y = 0; y < image.height; y++) {
    const from = y * image.width * c;
    data.set(
      image.data.subarray(from, from + image.width * c),
      ((top + y) * canvas.width + left) * c,
    );
  }
  return { data, width: canvas.width, height: canvas.height, channels: c };
}

/**
 * Blends `edit` (the size of `box`) into `base` inside `box` by `weights`: a pixel of weight 0
 * keeps the base's bytes exactly. Works in place on a copy of `base`.
 */
export function compositeRaw(
  base: RawImage,
  edit: RawImage,
  box: Box,
  weights: Float32Array,
): RawImage {
  const out = new Uint8Array(base.data);
  const bc = base.channels;
  const ec = edit.channels;
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const w = weights[y * box.width + x]!;
      if (w === 0) continue;
      const b = ((box.top + y) * base.width + box.left + x) * bc;
      const e = (y * box.width + x) * ec;
      for (let ch = 0; ch < bc; ch++) {
        const value = ch < ec ? edit.data[e + ch]! : 255;
        out[b + ch] = Math.round(out[b + ch]! * (1 - w) + value * w);
      }
    }
  }
  return { ...base, data: out };
}
