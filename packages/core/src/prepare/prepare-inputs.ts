import type { ImageFile } from '../contract/image-file.js';
import type { PreparedInput } from '../contract/prepared-input.js';
import { throwIfAborted } from '../errors/abort-error.js';
import { RetouchError } from '../errors/retouch-error.js';
import type { ImageCodec, ImageSource, Transcoded } from '../image/codec-types.js';
import { loadImageCodec } from '../image/image-codec.js';
import type { ReadImage } from '../inputs/read-image-input.js';
import { describePreparation } from './describe-preparation.js';
import { type PrepareCapabilities, planInput } from './plan-input.js';
import { preparedFile } from './prepared-file.js';

export interface PrepareInputsOptions {
  images: readonly ReadImage[];
  mask?: ReadImage;
  capabilities: PrepareCapabilities;
  signal: AbortSignal;
}

export interface PreparedInputs {
  images: ImageFile[];
  mask?: ReadImage;
  prepared: PreparedInput[];
}

// High quality for a photo the model sees at its own, smaller working size: at 85 a 24 MP camera
// JPEG shrunk to 3840 is 20% smaller than at 90 with no difference the model could use.
const photoQuality = 85;

/**
 * Sends inputs the way the model needs them: upright, no larger than its largest useful edge, in
 * a type it takes, with the mask scaled to match the first image exactly. Inputs that need none of
 * this pass through untouched and the codec is never loaded. One image is decoded at a time, so
 * memory holds at most the image being prepared (plus the smaller encoded results).
 */
export async function prepareInputs(options: PrepareInputsOptions): Promise<PreparedInputs> {
  const { capabilities, signal } = options;
  const prepared: PreparedInput[] = [];
  const images: ImageFile[] = [];
  let firstSent: { width: number; height: number } | undefined;
  for (const [index, read] of options.images.entries()) {
    throwIfAborted(signal);
    const field = `images[${index}]`;
    const { file } = read;
    const plan = planInput({ ...file, ...read, hasAlpha: read.hasAlpha }, capabilities);
    if (!plan) {
      images.push(file);
      continue;
    }
    const codec = await codecFor(file, field, plan.reasons, prepared);
    if (!codec) {
      images.push(file);
      continue;
    }
    const out = await transcode(codec, file, field, {
      format: plan.format,
      quality: photoQuality,
      ...(plan.maxEdge === undefined ? {} : { maxEdge: plan.maxEdge }),
    });
    const onlySavesBytes = plan.reasons.every((reason) => reason === 'shrink');
    if (onlySavesBytes && out.data.byteLength >= file.size) {
      images.push(file); // shrinking would have cost bytes: the original is the better upload
      continue;
    }
    const sent = preparedFile(file.filename, out);
    images.push(sent);
    if (index === 0) firstSent = { width: out.width, height: out.height };
    prepared.push(describePreparation(field, file, sent, plan.reasons));
  }
  const mask = await prepareMask(options.mask, firstSent, signal, prepared);
  return { images, ...(mask ? { mask } : {}), prepared };
}

/** The mask follows the first image to its new pixel size, whatever else happened to it. */
async function prepareMask(
  mask: ReadImage | undefined,
  first: { width: number; height: number } | undefined,
  signal: AbortSignal,
  prepared: PreparedInput[],
): Promise<ReadImage | undefined> {
  if (!mask || !first) return mask;
  if (mask.file.width === first.width && mask.file.height === first.height) return mask;
  throwIfAborted(signal);
  const codec = await codecFor(mask.file, 'mask', ['scale-with-image'], prepared);
  if (!codec) return mask;
  const out = await transcode(codec, mask.file, 'mask', { format: 'png', ...first });
  const sent = preparedFile(mask.file.filename, out);
  prepared.push(describePreparation('mask', mask.file, sent, ['scale-with-image']));
  return { file: sent, hasAlpha: mask.hasAlpha };
}

/**
 * The codec, or undefined where it cannot load (an extension build without it): an input that
 * only needed shrinking or turning then goes as it is, with a note saying so; one that cannot be
 * sent without converting fails with the reason.
 */
async function codecFor(
  file: ImageFile,
  field: string,
  reasons: readonly string[],
  prepared: PreparedInput[],
): Promise<ImageCodec | undefined> {
  try {
    return await loadImageCodec();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const needed = reasons.filter(
      (r) => r === 'convert' || r === 'too-large' || r === 'scale-with-image',
    );
    if (needed.length > 0) {
      throw new RetouchError({
        code: 'invalid_request',
        message: `${file.filename} must be converted before sending, but the image codec could not load here (${reason}). Convert it to PNG or JPEG first.`,
        issues: [{ field, message: 'needs the image codec, which could not load' }],
        cause: error,
      });
    }
    prepared.push({
      ...describePreparation(field, file, file, []),
      note: `${file.filename}: sent as it is (the image codec could not load: ${reason})`,
    });
    return undefined;
  }
}

async function transcode(
  codec: ImageCodec,
  file: ImageFile,
  field: string,
  options: Parameters<ImageCodec['transcode']>[1],
): Promise<Transcoded> {
  const source: ImageSource = file.path ? { path: file.path } : await file.bytes();
  try {
    return await codec.transcode(source, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RetouchError({
      code: 'invalid_request',
      message: `${file.filename} could not be prepared for sending: ${reason}. Fix or re-save the image, or send it as it is with --keep-input.`,
      issues: [{ field, message: `could not be decoded (${reason})` }],
      cause: error,
    });
  }
}
