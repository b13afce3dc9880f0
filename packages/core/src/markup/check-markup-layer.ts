import type { ImageFile } from '../contract/image-file.js';
import type { RequestIssue } from '../errors/retouch-error.js';
import type { ReadImage } from '../inputs/read-image-input.js';
import { sniffImage } from '../inputs/sniff-image.js';

/**
 * A marks layer is drawn over the first image: an RGBA PNG of exactly its size, whose opaque
 * pixels are the marks and whose transparent pixels leave the picture alone.
 */
export async function checkMarkupLayer(
  markup: ReadImage,
  firstImage: ImageFile | undefined,
): Promise<RequestIssue[]> {
  const issues: RequestIssue[] = [];
  const { file } = markup;
  if (file.mediaType !== 'image/png') {
    issues.push({
      field: 'markup',
      message: `${file.filename} is ${file.mediaType}; markup must be a PNG with the marks on a transparent background`,
    });
  } else if ((markup.hasAlpha ?? sniffImage(await file.bytes())?.hasAlpha) === false) {
    issues.push({
      field: 'markup',
      message: `${file.filename} has no alpha channel; save the marks as an RGBA PNG with a transparent background, or they would cover the whole picture`,
    });
  }
  if (firstImage && (file.width !== firstImage.width || file.height !== firstImage.height)) {
    issues.push({
      field: 'markup',
      message: `${file.filename} is ${file.width}x${file.height} but ${firstImage.filename} is ${firstImage.width}x${firstImage.height}; draw the marks on a layer of the image's own size`,
    });
  }
  return issues;
}
