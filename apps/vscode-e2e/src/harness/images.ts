import sharp from 'sharp';

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes a pixel, row-major. */
  readonly data: Uint8Array;
}

/**
 * A colourful PNG (red rises left→right, green top→bottom, blue is constant), so every edit the
 * emulator knows (grayscale, invert, tint…) visibly changes every pixel.
 */
export async function colorfulPng(width: number, height: number, blue = 160): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      data[offset] = Math.round(40 + (200 * x) / Math.max(1, width - 1));
      data[offset + 1] = Math.round(30 + (180 * y) / Math.max(1, height - 1));
      data[offset + 2] = blue;
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** A mask PNG: transparent (editable) inside `rect`, opaque elsewhere. */
export async function maskPng(
  width: number,
  height: number,
  rect: { x: number; y: number; width: number; height: number },
): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4, 255);
  for (let y = rect.y; y < rect.y + rect.height; y += 1) {
    for (let x = rect.x; x < rect.x + rect.width; x += 1) {
      data[(y * width + x) * 4 + 3] = 0;
    }
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

export async function readRgba(input: string | Buffer): Promise<RgbaImage> {
  const { data, info } = await sharp(input)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

export function pixelAt(image: RgbaImage, x: number, y: number): [number, number, number, number] {
  const offset = (y * image.width + x) * 4;
  const d = image.data;
  return [d[offset]!, d[offset + 1]!, d[offset + 2]!, d[offset + 3]!];
}

/** Share of pixels whose R, G and B are within `tolerance` of each other. */
export function grayShare(image: RgbaImage, tolerance = 3): number {
  let gray = 0;
  const total = image.width * image.height;
  for (let i = 0; i < total; i += 1) {
    const r = image.data[i * 4]!;
    const g = image.data[i * 4 + 1]!;
    const b = image.data[i * 4 + 2]!;
    if (Math.max(r, g, b) - Math.min(r, g, b) <= tolerance) gray += 1;
  }
  return gray / total;
}

/** Largest per-channel difference between two same-sized images at one pixel. */
export function pixelDelta(a: RgbaImage, b: RgbaImage, x: number, y: number): number {
  const pa = pixelAt(a, x, y);
  const pb = pixelAt(b, x, y);
  return Math.max(...pa.map((value, channel) => Math.abs(value - pb[channel]!)));
}

/** Pixels (x, y) of `a` that differ from `b` by more than `tolerance` in any channel. */
export function changedPixels(
  a: RgbaImage,
  b: RgbaImage,
  tolerance = 8,
): Array<{ x: number; y: number }> {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`Sizes differ: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
  const changed: Array<{ x: number; y: number }> = [];
  for (let y = 0; y < a.height; y += 1) {
    for (let x = 0; x < a.width; x += 1) {
      if (pixelDelta(a, b, x, y) > tolerance) changed.push({ x, y });
    }
  }
  return changed;
}
