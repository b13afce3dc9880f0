import type { ModelCapabilities } from '../contract/capabilities.js';
import type { ImageFile } from '../contract/image-file.js';
import type { PreparedInput } from '../contract/prepared-input.js';
import type { RequestIssue } from '../errors/retouch-error.js';
import type { ReadImage } from '../inputs/read-image-input.js';
import { predictSent } from '../prepare/predict-sent.js';
import { prepareInputs } from '../prepare/prepare-inputs.js';
import type { ReadInputs } from './read-inputs.js';

/** What validation checks: the inputs as they will be sent, predicted from their headers. */
export interface ValidationViews {
  images: ImageFile[];
  /** The first image as the user sees it (upright), which the mask must match. */
  firstForMask: ImageFile | undefined;
}

export function validationViews(
  inputs: ReadInputs,
  caps: ModelCapabilities,
  keepInput: boolean,
): ValidationViews {
  if (keepInput) return { images: inputs.files, firstForMask: inputs.first };
  const first = inputs.read[0];
  const swap = first?.orientation !== undefined && first.orientation >= 5 && inputs.first;
  return {
    images: inputs.read.map((read) => predictSent(read, caps)),
    firstForMask: swap
      ? { ...inputs.first!, width: inputs.first!.height, height: inputs.first!.width }
      : inputs.first,
  };
}

export interface InputsToSend {
  images: readonly ImageFile[];
  mask: ReadImage | undefined;
  markup: ReadImage | undefined;
  prepared: PreparedInput[];
  /** Prepared inputs still over the model's byte limits. */
  issues: RequestIssue[];
}

/** Prepares the inputs (unless `keepInput`), then checks the real bytes against the limits. */
export async function inputsToSend(
  inputs: ReadInputs,
  caps: ModelCapabilities,
  keepInput: boolean,
  signal: AbortSignal,
): Promise<InputsToSend> {
  if (keepInput) return unprepared(inputs);
  const ready = await prepareInputs({
    images: inputs.read,
    ...(inputs.mask ? { mask: inputs.mask } : {}),
    ...(inputs.markup ? { markup: inputs.markup } : {}),
    capabilities: caps,
    signal,
  });
  const issues: RequestIssue[] = [];
  const over = (field: string, file: ImageFile, limit: number) => {
    if (file.size > limit) {
      issues.push({
        field,
        message: `${file.filename} is still ${(file.size / 1e6).toFixed(1)} MB after preparing; the limit is ${(limit / 1e6).toFixed(1)} MB`,
      });
    }
  };
  for (const [i, file] of ready.images.entries()) over(`images[${i}]`, file, caps.maxInputBytes);
  if (ready.mask) over('mask', ready.mask.file, caps.maxMaskBytes ?? caps.maxInputBytes);
  return {
    images: ready.images,
    mask: ready.mask,
    markup: ready.markup,
    prepared: ready.prepared,
    issues,
  };
}

/** The inputs exactly as the user gave them (`keepInput`, or a dry run that sends nothing). */
export function unprepared(inputs: ReadInputs): InputsToSend {
  return {
    images: inputs.files,
    mask: inputs.mask,
    markup: inputs.markup,
    prepared: [],
    issues: [],
  };
}
