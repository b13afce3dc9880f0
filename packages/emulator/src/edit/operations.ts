import type { Operation } from './pick-operation.js';
import { type RawImage, rawSharp } from './raw-image.js';

const clamp = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));

/**
 * Applies an operation to an RGBA picture. `variant` (0-based) changes the result slightly and
 * visibly while keeping the operation recognisable: variant 0 is the exact operation.
 */
export async function applyOperation(
  image: RawImage,
  op: Operation,
  variant: number,
): Promise<RawImage> {
  if (op.kind === 'blur') {
    const data = await rawSharp(image)
      .blur(2 + variant)
      .raw()
      .toBuffer();
    return { ...image, data };
  }
  const src = image.data;
  const out = Buffer.alloc(src.length);
  const shift = variant * 12;
  for (let i = 0; i < src.length; i += 4) {
    const r = src[i]!;
    const g = src[i + 1]!;
    const b = src[i + 2]!;
    let nr = r;
    let ng = g;
    let nb = b;
    if (op.kind === 'grayscale') {
      const y = clamp(0.299 * r + 0.587 * g + 0.114 * b - shift);
      nr = y;
      ng = y;
      nb = y;
    } else if (op.kind === 'invert') {
      nr = clamp(255 - r - shift);
      ng = clamp(255 - g - shift);
      nb = clamp(255 - b - shift);
    } else if (op.kind === 'sepia') {
      nr = clamp(0.393 * r + 0.769 * g + 0.189 * b - shift);
      ng = clamp(0.349 * r + 0.686 * g + 0.168 * b - shift);
      nb = clamp(0.272 * r + 0.534 * g + 0.131 * b - shift);
    } else if (op.kind === 'tint') {
      const strength = Math.min(0.9, 0.5 + variant * 0.08);
      nr = clamp(r * (1 - strength) + op.color[0] * strength);
      ng = clamp(g * (1 - strength) + op.color[1] * strength);
      nb = clamp(b * (1 - strength) + op.color[2] * strength);
    } else if (op.kind === 'remove-background') {
      nr = clamp(r - shift);
      ng = clamp(g - shift);
      nb = clamp(b - shift);
    }
    out[i] = nr;
    out[i + 1] = ng;
    out[i + 2] = nb;
    out[i + 3] = src[i + 3]!;
  }
  const result = { ...image, data: out };
  return op.kind === 'remove-background' ? keyOutBackground(result, image) : result;
}

/**
 * Makes the background transparent: the background colour is the mean of the four corners of
 * `reference`, and every pixel within a fixed distance of it becomes fully transparent.
 */
export function keyOutBackground(image: RawImage, reference: RawImage = image): RawImage {
  const { width, height } = reference;
  const corners = [0, width - 1, (height - 1) * width, height * width - 1];
  const bg = [0, 1, 2].map(
    (c) => corners.reduce((sum, p) => sum + reference.data[p * 4 + c]!, 0) / corners.length,
  );
  const data = Buffer.from(image.data);
  for (let i = 0; i < data.length; i += 4) {
    const d =
      Math.abs(reference.data[i]! - bg[0]!) +
      Math.abs(reference.data[i + 1]! - bg[1]!) +
      Math.abs(reference.data[i + 2]! - bg[2]!);
    if (d <= 48) data[i + 3] = 0;
  }
  return { ...image, data };
}
