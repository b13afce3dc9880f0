import type { ModelCapabilities } from '../contract/capabilities.js';
import type { EditedImage } from '../contract/edit-request.js';
import type { Framing } from '../contract/framing.js';
import type { ImageFile } from '../contract/image-file.js';
import type { PreparedInput } from '../contract/prepared-input.js';
import type { EditWarning } from '../contract/warning.js';
import type { ImageCodec } from '../image/codec-types.js';
import { loadImageCodec } from '../image/image-codec.js';
import type { ReadImage } from '../inputs/read-image-input.js';
import { preparedFile } from '../prepare/prepared-file.js';
import { featherWeights } from './feather.js';
import { finishFraming, imageSource } from './finish-framing.js';
import { type FramePlan, planFrame } from './frame-size.js';
import { cropRaw, padRaw } from './raw-ops.js';
import { type Box, contextBox, editedBox } from './region-box.js';

export interface RegionSettings {
  /** Send the whole picture even when a mask covers only part of it. */
  wholeImage?: boolean;
  /** A mask covering at most this fraction of the picture is edited as a region. Default 0.25. */
  threshold?: number;
  /** Context around the region, as a fraction of its longer side (at least 64 px). Default 0.5. */
  margin?: number;
}

export interface Reframed {
  image: ReadImage;
  mask: ReadImage | undefined;
  /** The markup layer, cut and padded with its image so the marks still line up. */
  markup: ReadImage | undefined;
  /** The size to ask for; undefined leaves the request's own. */
  size: string | undefined;
  /** Added to the prompt when the picture was padded. */
  promptNote: string | undefined;
  prepared: PreparedInput[];
  /** How the answers go back into the picture: undefined when they need nothing. */
  framing: Framing | undefined;
  /**
   * Turns the model's answers back into pictures of the original's framing (and size, for a
   * region); one that cannot be is kept as sent, with a warning.
   */
  finish(images: EditedImage[], warn: (warning: EditWarning) => void): Promise<EditedImage[]>;
}

export const paddingNote =
  'The grey bands at the edges are padding added to fit the frame, not part of the picture: leave them grey and do not extend the picture into them.';

const grey = [128, 128, 128, 255];

function summary(file: ImageFile) {
  return { mediaType: file.mediaType, width: file.width, height: file.height, size: file.size };
}

/**
 * Keeps a photo's framing and resolution through a model that answers at its own sizes: asks for
 * the supported size closest to the photo's aspect ratio, pads where none matches (and crops the
 * answer back), and, with a mask over a small part of the photo, sends only that part with some
 * context and composites the answer into the full-resolution original with a feathered edge.
 * Undefined when there is nothing to do (a size was asked for, the model lists no sizes, the
 * codec cannot load).
 */
export async function reframe(options: {
  image: ReadImage;
  mask: ReadImage | undefined;
  markup?: ReadImage | undefined;
  caps: ModelCapabilities;
  settings: RegionSettings;
}): Promise<Reframed | undefined> {
  const { image, mask, markup, caps, settings } = options;
  if (!mask || settings.wholeImage) {
    // Without a region, only a frame mismatch needs pixels: check that from the header first.
    const turned = (image.orientation ?? 1) >= 5;
    const { width, height } = image.file;
    const quick = planFrame(turned ? height : width, turned ? width : height, caps.sizes);
    if (!quick?.padded) return undefined;
  }
  let codec: ImageCodec;
  try {
    codec = await loadImageCodec();
  } catch {
    return undefined;
  }
  const original = await codec.decode(await imageSource(image.file));
  const full = { width: original.width, height: original.height };
  const maskRaw = mask ? await codec.decode(await imageSource(mask.file)) : undefined;
  const marked = maskRaw ? editedBox(maskRaw) : undefined;
  const threshold = settings.threshold ?? 0.25;
  // Any mask is put back with a feathered edge, so pixels outside it stay the original's; only a
  // small one is also sent as a crop.
  const composites = !settings.wholeImage && marked !== undefined && maskRaw?.width === full.width;
  const isRegion =
    composites && marked.width * marked.height <= threshold * full.width * full.height;
  let region: Box = { left: 0, top: 0, ...full };
  let plan: FramePlan | undefined;
  if (isRegion) {
    const margin = settings.margin ?? 0.5;
    const loose = contextBox(marked, full, margin, undefined);
    const first = planFrame(loose.width, loose.height, caps.sizes);
    const [tw, th] = (first?.size ?? '1x1').split('x').map(Number) as [number, number];
    region = contextBox(marked, full, margin, tw / th);
  }
  plan = planFrame(region.width, region.height, caps.sizes);
  if (!plan) return undefined;
  const prepared: PreparedInput[] = [];
  const changes: string[] = [];
  if (isRegion) changes.push('region');
  if (plan.padded) changes.push('pad');

  let sentImage = image;
  let sentMask = mask;
  let sentMarkup = markup;
  if (changes.length === 0 && composites) {
    prepared.push({
      field: 'images[0]',
      filename: image.file.filename,
      original: summary(image.file),
      sent: summary(image.file),
      changes: ['composite'],
      note: `${image.file.filename}: the answer is put back into the ${full.width}×${full.height} original inside the mask, with a feathered edge`,
    });
  }
  if (changes.length > 0) {
    const crop = padRaw(cropRaw(original, region), plan.canvas, plan.left, plan.top, grey);
    const photo = image.file.mediaType === 'image/jpeg' && crop.channels === 3;
    const bytes = await codec.encode(
      crop,
      photo ? { format: 'jpeg', quality: 92 } : { format: 'png' },
    );
    const file = preparedFile(image.file.filename, {
      data: bytes,
      width: crop.width,
      height: crop.height,
      mediaType: photo ? 'image/jpeg' : 'image/png',
    });
    sentImage = { file, hasAlpha: crop.channels === 4 };
    prepared.push({
      field: 'images[0]',
      filename: image.file.filename,
      original: summary(image.file),
      sent: summary(file),
      changes,
      note: describe(image.file.filename, full, region, plan, isRegion),
    });
    if (mask && maskRaw) {
      const maskCrop = padRaw(
        cropRaw(maskRaw, region),
        plan.canvas,
        plan.left,
        plan.top,
        [0, 0, 0, 255],
      );
      const maskBytes = await codec.encode(maskCrop, { format: 'png' });
      const maskFile = preparedFile(mask.file.filename, {
        data: maskBytes,
        width: maskCrop.width,
        height: maskCrop.height,
        mediaType: 'image/png',
      });
      sentMask = { file: maskFile, hasAlpha: true };
      prepared.push({
        field: 'mask',
        filename: mask.file.filename,
        original: summary(mask.file),
        sent: summary(maskFile),
        changes: ['crop-with-image'],
        note: `${mask.file.filename}: cut and padded with its image`,
      });
    }
    if (markup) {
      const layer = await codec.decode(await imageSource(markup.file));
      const cut = padRaw(cropRaw(layer, region), plan.canvas, plan.left, plan.top, [0, 0, 0, 0]);
      const file = preparedFile(markup.file.filename, {
        data: await codec.encode(cut, { format: 'png' }),
        width: cut.width,
        height: cut.height,
        mediaType: 'image/png',
      });
      sentMarkup = { file, hasAlpha: true };
    }
  }
  const feather = Math.max(2, Math.round(Math.min(region.width, region.height) * 0.01));
  const weights =
    composites && maskRaw ? featherWeights(cropRaw(maskRaw, region), feather) : undefined;
  const framing: Framing | undefined =
    plan.padded || weights
      ? {
          full,
          region,
          canvas: plan.canvas,
          left: plan.left,
          top: plan.top,
          padded: plan.padded,
          ...(weights ? { feather } : {}),
        }
      : undefined;
  return {
    image: sentImage,
    mask: sentMask,
    markup: sentMarkup,
    // Asked for only when it matters: a region at the best size, or a padded picture's frame.
    size: changes.length > 0 ? plan.size : undefined,
    promptNote: plan.padded ? paddingNote : undefined,
    prepared,
    framing,
    finish: (images, warn) =>
      framing
        ? finishFraming(codec, framing, images, weights ? { original, weights } : undefined, warn)
        : Promise.resolve(images),
  };
}

function describe(
  name: string,
  full: { width: number; height: number },
  region: Box,
  plan: FramePlan,
  isRegion: boolean,
): string {
  const parts: string[] = [];
  if (isRegion) {
    parts.push(
      `sent the ${region.width}×${region.height} region at (${region.left}, ${region.top}) of the ${full.width}×${full.height} picture around the mask, to be put back into the full picture`,
    );
  }
  if (plan.padded) {
    parts.push(
      `padded to ${plan.canvas.width}×${plan.canvas.height} to fit the model's ${plan.size}, and the answer cropped back to the picture's framing`,
    );
  }
  return `${name}: ${parts.join('; ')}`;
}
