import { createHash } from 'node:crypto';
import { applyMask } from './apply-mask.js';
import { combineInputs } from './combine-inputs.js';
import { encodeImage, type OutputFormat } from './encode-image.js';
import {
  editMarkedRegion,
  type MarkedEdit,
  type MarkupReport,
  pickMarkedOperation,
  readMarkedInputs,
  readMarkupLayer,
} from './follow-marks.js';
import { answerSize, sizeRuleFor } from './model-sizes.js';
import { applyOperation, keyOutBackground } from './operations.js';
import { type Operation, pickOperation } from './pick-operation.js';
import { decodeRaw, type RawImage, rawSharp, resizeRaw } from './raw-image.js';
import { readInputs } from './read-inputs.js';

export interface EditSpec {
  prompt: string;
  images: Buffer[];
  mask?: Buffer | undefined;
  /** gpt-image-2.6's marks layer, the size of the first image. */
  markup?: Buffer | undefined;
  n?: number;
  /** `WIDTHxHEIGHT`, `auto` or undefined (both mean: the first input's size). */
  size?: string | null | undefined;
  background?: 'transparent' | 'opaque' | 'auto' | null | undefined;
  outputFormat?: OutputFormat | null | undefined;
  outputCompression?: number | null | undefined;
  /** Accepted input formats; defaults to png, jpeg and webp. */
  acceptFormats?: string[];
  /** The model asked for: a known one answers at its own sizes and treats the mask as guidance. */
  model?: string | undefined;
  /** `ignore`: decode as stored, like a service that drops the EXIF orientation tag. */
  exifOrientation?: 'apply' | 'ignore';
}

export interface EditedImage {
  bytes: Buffer;
  format: OutputFormat;
  mediaType: string;
  width: number;
  height: number;
  raw: RawImage;
}

export interface EditResult {
  images: EditedImage[];
  operation: Operation['kind'] | 'remove-marked';
  /** Set when the prompt talked about marks and the inputs carried them. */
  markup?: MarkupReport;
  seed: number;
  /** What the output really has: transparent when any pixel is see-through. */
  background: 'transparent' | 'opaque';
  size: string;
  outputFormat: OutputFormat;
}

export function parseSize(size: string | null | undefined): [number, number] | undefined {
  if (!size || size === 'auto') return undefined;
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2])];
}

export function editSeed(spec: EditSpec): number {
  const hash = createHash('sha256');
  hash.update(spec.prompt);
  for (const image of spec.images) hash.update(createHash('sha256').update(image).digest());
  if (spec.mask) hash.update(createHash('sha256').update(spec.mask).digest());
  if (spec.markup) hash.update(createHash('sha256').update(spec.markup).digest());
  hash.update(JSON.stringify([spec.n, spec.size, spec.background, spec.outputFormat]));
  return hash.digest().readUInt32BE(0);
}

/** Runs the deterministic edit: combine, operate per variant, mask, resize, encode. */
export async function renderEdit(spec: EditSpec): Promise<EditResult> {
  const { images, mask } = await readInputs(
    spec.images,
    spec.mask,
    spec.acceptFormats,
    spec.exifOrientation,
  );
  const { canvas: input, marked } = spec.markup
    ? await withMarkupLayer(images, spec.markup)
    : await readMarkedInputs(spec.prompt, images);
  // With marks, the picture is the one without them, and only the marked region changes.
  const canvas = marked?.clean ?? input;
  const op = pickOperation(spec.prompt);
  const markedOp = marked ? pickMarkedOperation(spec.prompt) : undefined;
  const format = spec.outputFormat ?? 'png';
  const background = spec.background ?? 'auto';
  const rule = sizeRuleFor(spec.model);
  const target = rule
    ? answerSize(rule, spec.size, canvas.width, canvas.height)
    : (parseSize(spec.size) ?? [canvas.width, canvas.height]);
  const seed = editSeed(spec);
  const outputs: EditedImage[] = [];
  for (let variant = 0; variant < (spec.n ?? 1); variant++) {
    let edited =
      marked && markedOp
        ? await editMarkedRegion(marked, markedOp, variant)
        : await applyOperation(canvas, op, variant);
    if (background === 'transparent' && op.kind !== 'remove-background') {
      edited = keyOutBackground(edited, canvas);
    }
    // A GPT image model regenerates the whole picture: outside the mask it stays close, not equal.
    if (mask) edited = applyMask(canvas, edited, mask, rule ? seed + variant : undefined);
    edited = await resizeRaw(edited, target[0], target[1]);
    const opaque = background === 'opaque' || format === 'jpeg';
    const bytes = await encodeImage(edited, format, spec.outputCompression ?? 100, opaque);
    outputs.push({
      bytes,
      format,
      mediaType: `image/${format}`,
      width: target[0],
      height: target[1],
      raw: edited,
    });
  }
  const seeThrough =
    format !== 'jpeg' && background !== 'opaque' && outputs.some((o) => hasTransparency(o.raw));
  return {
    images: outputs,
    operation: markedOp?.kind ?? op.kind,
    ...(marked ? { markup: marked.report } : {}),
    seed,
    background: seeThrough ? 'transparent' : 'opaque',
    size: `${target[0]}x${target[1]}`,
    outputFormat: format,
  };
}

async function withMarkupLayer(
  images: RawImage[],
  markup: Buffer,
): Promise<{ canvas: RawImage; marked?: MarkedEdit }> {
  const canvas = images.length === 1 ? images[0]! : await combineInputs(images);
  const marked = readMarkupLayer(canvas, await decodeRaw(markup));
  return marked ? { canvas, marked } : { canvas };
}

function hasTransparency(image: RawImage): boolean {
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i]! < 255) return true;
  return false;
}

/** A partial image for streaming: the final picture, blurred less for each later partial. */
export async function renderPartial(
  image: EditedImage,
  index: number,
  total: number,
  compression: number,
): Promise<Buffer> {
  const sigma = (total - index) * 3;
  const data = await rawSharp(image.raw).blur(sigma).raw().toBuffer();
  return encodeImage({ ...image.raw, data }, image.format, compression, image.format === 'jpeg');
}
