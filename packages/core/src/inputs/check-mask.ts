import type { ImageFile } from '../contract/image-file.js';
import type { RequestIssue } from '../errors/retouch-error.js';
import type { ReadImage } from './read-image-input.js';
import { sniffImage } from './sniff-image.js';

/**
 * A mask marks the region to edit with transparent pixels, so it must be a PNG with an alpha
 * channel and cover the first image exactly.
 */
export async function checkMask(
  mask: ReadImage,
  firstImage: ImageFile | undefined,
): Promise<RequestIssue[]> {
  const issues: RequestIssue[] = [];
  const { file } = mask;
  if (file.mediaType !== 'image/png') {
    issues.push({
      field: 'mask',
      message: `${file.filename} is ${file.mediaType}; a mask must be a PNG whose transparent pixels mark the area to edit`,
    });
  } else if ((await hasAlpha(mask)) === false) {
    issues.push({
      field: 'mask',
      message: `${file.filename} has no alpha channel; save the mask as an RGBA PNG whose transparent pixels mark the area to edit`,
    });
  }
  if (firstImage && (file.width !== firstImage.width || file.height !== firstImage.height)) {
    issues.push({
      field: 'mask',
      message: `${file.filename} is ${file.width}x${file.height} but ${firstImage.filename} is ${firstImage.width}x${firstImage.height}; the mask must have the same dimensions as the first image`,
    });
  }
  return issues;
}

/** The head usually settles it; a PNG with large chunks before IDAT needs the whole file. */
async function hasAlpha(mask: ReadImage): Promise<boolean | undefined> {
  if (mask.hasAlpha !== undefined) return mask.hasAlpha;
  return sniffImage(await mask.file.bytes())?.hasAlpha;
}
