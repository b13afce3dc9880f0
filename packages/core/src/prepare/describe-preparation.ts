import type { ImageFile } from '../contract/image-file.js';
import type { ImageSummary, PreparedInput } from '../contract/prepared-input.js';

const names: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'image/avif': 'AVIF',
  'image/tiff': 'TIFF',
  'image/bmp': 'BMP',
};

/** `2.1 MB`, `640 KB`: decimal units, as file managers and phones show photo sizes. */
function formatSize(bytes: number): string {
  if (bytes >= 1e6) return `${Number((bytes / 1e6).toFixed(1))} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}

function summary(file: ImageFile): ImageSummary {
  return { mediaType: file.mediaType, width: file.width, height: file.height, size: file.size };
}

function describe(image: ImageSummary): string {
  const type = names[image.mediaType] ?? image.mediaType;
  return `${image.width}×${image.height} ${type} (${formatSize(image.size)})`;
}

const why: Record<string, string> = {
  orient: 'turned upright',
  'scale-with-image': 'scaled with its image',
};

/** The record of one prepared input and its note: "sent 3840×2880 JPEG (2.1 MB) instead of …". */
export function describePreparation(
  field: string,
  original: ImageFile,
  sent: ImageFile,
  changes: string[],
): PreparedInput {
  const extra = changes.flatMap((change) => (why[change] ? [why[change]] : []));
  const note = `${original.filename}: sent ${describe(summary(sent))} instead of ${describe(summary(original))}${extra.length > 0 ? `, ${extra.join(', ')}` : ''}`;
  return {
    field,
    filename: original.filename,
    original: summary(original),
    sent: summary(sent),
    changes,
    note,
  };
}
