import { PNG } from 'pngjs';
import type { ImageFile } from '../contract/image-file.js';
import type { RequestIssue } from '../errors/retouch-error.js';
import { encodePng } from '../inputs/encode-png.js';
import { readImage } from '../inputs/read-image-input.js';

/** Below this alpha a layer pixel is the transparent background, not a mark. */
const markAlpha = 128;

/**
 * Draws a marks layer onto the image for a model that takes no separate layer: every mark pixel
 * becomes fully the mark's colour (no half-blended fringe for a model to mistake for the
 * picture) and every other pixel stays the image's own, exactly as the painter in VS Code
 * flattens. The image must be a PNG: other types need a decoder the engine does not carry yet.
 */
export async function flattenMarkup(
  image: ImageFile,
  layer: ImageFile,
  signal?: AbortSignal,
): Promise<{ file: ImageFile } | { issue: RequestIssue }> {
  if (image.mediaType !== 'image/png') {
    return {
      issue: {
        field: 'markup',
        message: `can be drawn onto a PNG only, and ${image.filename} is ${image.mediaType}; save it as PNG, or pick a model that takes markup as its own layer`,
      },
    };
  }
  let base: ReturnType<typeof PNG.sync.read>;
  let marks: ReturnType<typeof PNG.sync.read>;
  try {
    base = PNG.sync.read(Buffer.from(await image.bytes()));
    marks = PNG.sync.read(Buffer.from(await layer.bytes()));
  } catch {
    return {
      issue: {
        field: 'markup',
        message: `could not be drawn onto ${image.filename}: a PNG could not be decoded`,
      },
    };
  }
  const { width, height } = base;
  const hasAlpha = base.alpha;
  const channels = hasAlpha ? 4 : 3;
  const pixels = new Uint8Array(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    const from = marks.data[i * 4 + 3]! >= markAlpha ? marks.data : base.data;
    pixels[i * channels] = from[i * 4]!;
    pixels[i * channels + 1] = from[i * 4 + 1]!;
    pixels[i * channels + 2] = from[i * 4 + 2]!;
    if (hasAlpha) pixels[i * channels + 3] = from === marks.data ? 255 : base.data[i * 4 + 3]!;
  }
  const data = encodePng({ width, height, channels, pixels });
  const stem = image.filename.replace(/\.[^.]+$/, '');
  const read = await readImage(
    { data, filename: `${stem}.marked-up.png` },
    { signal, field: 'markup' },
  );
  return { file: read.file };
}
