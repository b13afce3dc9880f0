import sharp from 'sharp';
import { EditInputError } from './edit-input-error.js';
import { decodeRaw, type RawImage } from './raw-image.js';
import { sniffImage } from './sniff-image.js';

const DEFAULT_FORMATS = ['png', 'jpeg', 'webp'];

/**
 * Decodes the inputs and the mask, checking what a real service checks: supported formats by
 * magic bytes, a PNG mask with an alpha channel, and a mask the size of the first image.
 */
export async function readInputs(
  images: Buffer[],
  mask: Buffer | undefined,
  formats: string[] = DEFAULT_FORMATS,
  orientation: 'apply' | 'ignore' = 'apply',
): Promise<{ images: RawImage[]; mask?: RawImage }> {
  const decoded: RawImage[] = [];
  for (const [index, bytes] of images.entries()) {
    const param = images.length > 1 ? `image[${index}]` : 'image';
    const format = sniffImage(bytes);
    if (!format || !formats.includes(format)) {
      throw new EditInputError(
        `Invalid file '${param}': unsupported image format (${format ?? 'unknown'}). Supported formats are ${formats.join(', ')}.`,
        param,
        'unsupported_file_mimetype',
      );
    }
    decoded.push(await decodeOrThrow(bytes, param, orientation));
  }
  if (!mask) return { images: decoded };
  if (sniffImage(mask) !== 'png') {
    throw new EditInputError(
      "Invalid file 'mask': the mask must be a PNG image.",
      'mask',
      'invalid_image_format',
    );
  }
  const meta = await sharp(mask)
    .metadata()
    .catch(() => undefined);
  if (!meta?.hasAlpha) {
    throw new EditInputError(
      "Invalid file 'mask': the mask must have an alpha channel (RGBA or LA); transparent pixels mark the region to edit.",
      'mask',
      'invalid_image_format',
    );
  }
  const rawMask = await decodeOrThrow(mask, 'mask');
  const first = decoded[0];
  if (first && (rawMask.width !== first.width || rawMask.height !== first.height)) {
    throw new EditInputError(
      `Invalid file 'mask': the mask is ${rawMask.width}x${rawMask.height} but the image is ${first.width}x${first.height}; they must have the same dimensions.`,
      'mask',
      'invalid_image_dimensions',
    );
  }
  return { images: decoded, mask: rawMask };
}

async function decodeOrThrow(
  bytes: Buffer,
  param: string,
  orientation: 'apply' | 'ignore' = 'apply',
): Promise<RawImage> {
  try {
    return await decodeRaw(bytes, orientation);
  } catch {
    throw new EditInputError(
      `Invalid file '${param}': the image could not be decoded.`,
      param,
      'invalid_image',
    );
  }
}
