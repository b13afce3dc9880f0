import type { EditedImage } from '../contract/edit-request.js';
import type { Framing } from '../contract/framing.js';
import type { ImageFile } from '../contract/image-file.js';
import type { EditWarning } from '../contract/warning.js';
import type { ImageCodec, ImageSource, RawImage } from '../image/codec-types.js';
import { loadImageCodec } from '../image/image-codec.js';
import type { ReadImage } from '../inputs/read-image-input.js';
import { featherWeights } from './feather.js';
import { compositeRaw, cropRaw } from './raw-ops.js';
import type { Box } from './region-box.js';

/** The original and the mask's feathered weights over the region, to composite an answer into. */
export interface Composite {
  original: RawImage;
  weights: Float32Array;
}

export function imageSource(file: ImageFile): Promise<ImageSource> | ImageSource {
  return file.path ? { path: file.path } : file.bytes();
}

/**
 * Puts the model's answers back into the picture's framing: the padding cropped off, and a
 * region composited into the original. An answer that cannot be put back (a codec failure) is
 * kept as the model sent it, with a warning: it is paid for.
 */
export async function finishFraming(
  codec: ImageCodec,
  framing: Framing,
  images: readonly EditedImage[],
  composite: Composite | undefined,
  warn: (warning: EditWarning) => void,
): Promise<EditedImage[]> {
  return Promise.all(
    images.map((edited) =>
      putBack(codec, edited, framing, composite).catch((error: unknown) => {
        warn({
          type: 'other',
          message: `An answer could not be put back into the picture's framing (${(error as Error)?.message ?? error}), so it is kept as the model sent it.`,
        });
        return edited;
      }),
    ),
  );
}

/**
 * `finishFraming` for a job resumed from its handle: the picture and the mask are read again to
 * composite a region. Without them (or when the picture is no longer the one that was sent), a
 * region's answer is kept as the model sent it, with a warning saying why.
 */
export async function finishResumedFraming(
  framing: Framing,
  images: readonly EditedImage[],
  source: { image: ReadImage; mask: ReadImage | undefined } | undefined,
  warn: (warning: EditWarning) => void,
): Promise<EditedImage[]> {
  if (!framing.padded && framing.feather === undefined) return [...images];
  if (!isSound(framing)) {
    warn({
      type: 'other',
      message:
        "The job's framing is not one Retouch wrote, so the answer is kept as the model sent it.",
    });
    return [...images];
  }
  let codec: ImageCodec;
  try {
    codec = await loadImageCodec();
  } catch {
    warn({
      type: 'other',
      message: 'The image codec could not be loaded, so the answer is kept as the model sent it.',
    });
    return [...images];
  }
  if (framing.feather === undefined) return finishFraming(codec, framing, images, undefined, warn);
  const composite = await loadComposite(codec, framing, source).catch(() => undefined);
  if (!composite) {
    warn({
      type: 'other',
      message: `The edited region could not be put back into the ${framing.full.width}×${framing.full.height} picture (the picture or its mask is missing or changed), so the region is kept as the model sent it.`,
    });
    return [...images];
  }
  return finishFraming(codec, framing, images, composite, warn);
}

/** A handle is read back from storage: its framing must describe boxes that fit each other. */
function isSound(framing: Framing): boolean {
  const { full, region, canvas } = framing;
  const whole = (value: unknown, min: number) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= 1_000_000;
  return (
    whole(full.width, 1) &&
    whole(full.height, 1) &&
    whole(region.left, 0) &&
    whole(region.top, 0) &&
    whole(region.width, 1) &&
    whole(region.height, 1) &&
    region.left + region.width <= full.width &&
    region.top + region.height <= full.height &&
    whole(canvas.width, 1) &&
    whole(canvas.height, 1) &&
    whole(framing.left, 0) &&
    whole(framing.top, 0) &&
    framing.left + region.width <= canvas.width &&
    framing.top + region.height <= canvas.height &&
    (framing.feather === undefined || whole(framing.feather, 0))
  );
}

async function loadComposite(
  codec: ImageCodec,
  framing: Framing,
  source: { image: ReadImage; mask: ReadImage | undefined } | undefined,
): Promise<Composite | undefined> {
  if (!source?.mask || framing.feather === undefined) return undefined;
  const original = await codec.decode(await imageSource(source.image.file));
  const mask = await codec.decode(await imageSource(source.mask.file));
  const { width, height } = framing.full;
  const fits = (raw: RawImage) => raw.width === width && raw.height === height;
  if (!fits(original) || !fits(mask)) return undefined;
  return {
    original,
    weights: featherWeights(cropRaw(mask, framing.region), framing.feather),
  };
}

async function putBack(
  codec: ImageCodec,
  edited: EditedImage,
  framing: Framing,
  composite: Composite | undefined,
): Promise<EditedImage> {
  if (!framing.padded && !composite) return edited;
  const { region } = framing;
  let raw = await codec.decode(edited.data);
  const sx = raw.width / framing.canvas.width;
  const sy = raw.height / framing.canvas.height;
  const content: Box = {
    left: Math.round(framing.left * sx),
    top: Math.round(framing.top * sy),
    width: Math.min(raw.width, Math.round(region.width * sx)),
    height: Math.min(raw.height, Math.round(region.height * sy)),
  };
  content.width = Math.min(content.width, raw.width - content.left);
  content.height = Math.min(content.height, raw.height - content.top);
  raw = cropRaw(raw, content);
  if (composite) {
    raw = await codec.resize(raw, region.width, region.height);
    raw = compositeRaw(composite.original, raw, region, composite.weights);
  }
  // A region edit keeps the original's pixels bit for bit only in a lossless file.
  const format = composite ? 'png' : formatOf(edited.mediaType);
  const data = await codec.encode(raw, { format, quality: 95 });
  return {
    ...edited,
    data,
    mediaType: `image/${format}`,
    width: raw.width,
    height: raw.height,
  };
}

function formatOf(mediaType: string): 'png' | 'jpeg' | 'webp' {
  return mediaType === 'image/jpeg' ? 'jpeg' : mediaType === 'image/webp' ? 'webp' : 'png';
}
