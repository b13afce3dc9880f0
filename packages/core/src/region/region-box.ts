import type { RawImage } from '../image/codec-types.js';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The smallest box holding every pixel the mask marks for editing (alpha below 255). */
export function editedBox(mask: RawImage): Box | undefined {
  if (mask.channels !== 4) return undefined;
  let [x0, y0, x1, y1] = [mask.width, mask.height, -1, -1];
  for (let y = 0; y < mask.height; y++) {
    const row = y * mask.width * 4;
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[row + x * 4 + 3]! < 255) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? undefined : { left: x0, top: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * The crop to send: the edited box grown by `margin` (a fraction of its longer side, at least
 * `minMargin` pixels) for context, then widened or heightened towards `aspect` so the model's
 * size fits it without padding, kept inside the image.
 */
export function contextBox(
  box: Box,
  image: { width: number; height: number },
  margin: number,
  aspect: number | undefined,
  minMargin = 64,
): Box {
  const pad = Math.max(minMargin, Math.round(Math.max(box.width, box.height) * margin));
  let width = Math.min(image.width, box.width + 2 * pad);
  let height = Math.min(image.height, box.height + 2 * pad);
  if (aspect) {
    if (width / height < aspect) width = Math.min(image.width, Math.round(height * aspect));
    else height = Math.min(image.height, Math.round(width / aspect));
  }
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  const left = Math.min(image.width - width, Math.max(0, Math.round(cx - width / 2)));
  const top = Math.min(image.height - height, Math.max(0, Math.round(cy - height / 2)));
  return { left, top, width, height };
}
