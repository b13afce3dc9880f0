import sharp, { type Sharp } from 'sharp';

/** An RGBA picture in memory: 4 bytes per pixel, row by row. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
}

export async function decodeRaw(
  bytes: Buffer | Uint8Array,
  orientation: 'apply' | 'ignore' = 'apply',
): Promise<RawImage> {
  const decoder = orientation === 'apply' ? sharp(bytes).rotate() : sharp(bytes);
  const { data, info } = await decoder.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export function rawSharp(image: RawImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });
}

export async function resizeRaw(
  image: RawImage,
  width: number,
  height: number,
  fit: 'cover' | 'fill' = 'cover',
): Promise<RawImage> {
  if (image.width === width && image.height === height) return image;
  const data = await rawSharp(image)
    .resize(width, height, { fit, kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return { data, width, height };
}
