import type { ModelCapabilities, ModelInfo } from '../contract/capabilities.js';
import type { EditImageOptions } from '../contract/edit-request.js';
import type { ImageFile } from '../contract/image-file.js';
import type { EditWarning } from '../contract/warning.js';
import { type RequestIssue, RetouchError } from '../errors/retouch-error.js';
import { checkCustomSize } from './check-custom-size.js';

export interface ValidateEditRequestInput {
  model: ModelInfo;
  prompt: string;
  options: EditImageOptions;
  images: readonly ImageFile[];
  mask?: ImageFile;
  /** The marks layer (see `EditImageRequest.markup`). */
  markup?: ImageFile;
  /**
   * How many images the request named, when some could not be read: their problems are reported
   * on their own, so the count checks must not add "images is empty" on top.
   */
  requestedImages?: number;
}

export interface ValidatedEditRequest {
  /** Every problem at once; empty when the request fits the model. */
  issues: RequestIssue[];
  /** Options the model does not support at all, dropped rather than refused. */
  warnings: EditWarning[];
  /** The options to send: dropped options removed, `n` filled in. */
  options: EditImageOptions & { n: number };
}

/** The request fields that are edit options; anything else on a request is not sent. */
export const optionKeys = [
  'size',
  'quality',
  'complexity',
  'background',
  'outputFormat',
  'outputCompression',
  'inputFidelity',
  'user',
  'partialImages',
  'providerOptions',
] as const;

const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');
const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Checks a request against a model's capabilities without touching the network. An option the
 * model lacks entirely is dropped with a warning (a prompt tuned for one model still runs on
 * another); a value outside an option the model has is an error naming what is allowed.
 */
export function validateEditRequest(input: ValidateEditRequestInput): ValidatedEditRequest {
  const caps = input.model.capabilities;
  const issues: RequestIssue[] = [];
  const warnings: EditWarning[] = [];
  const options: EditImageOptions & { n: number } = { n: input.options.n ?? 1 };
  for (const key of optionKeys) {
    if (input.options[key] !== undefined) Object.assign(options, { [key]: input.options[key] });
  }
  const issue = (field: string, message: string) => issues.push({ field, message });
  const drop = (option: keyof EditImageOptions, why: string) => {
    delete options[option];
    warnings.push({
      type: 'unsupported-option',
      option,
      message: `${input.model.id} ${why}, so ${option} was ignored.`,
    });
  };

  const prompt = input.prompt ?? '';
  if (prompt.trim() === '') issue('prompt', 'is empty; describe the change you want');
  else if (prompt.length > caps.maxPromptLength) {
    issue(
      'prompt',
      `is ${prompt.length} characters; ${input.model.id} allows at most ${caps.maxPromptLength}`,
    );
  }

  checkInputs(input, caps, issue);

  if (!Number.isInteger(options.n) || options.n < caps.n.min || options.n > caps.n.max) {
    issue('n', `is ${options.n}; allowed: a whole number from ${caps.n.min} to ${caps.n.max}`);
  }

  if (options.size !== undefined) {
    if (caps.sizes.presets.length === 0 && !caps.sizes.custom) drop('size', 'has no size option');
    else if (!caps.sizes.presets.includes(options.size)) {
      const problem = caps.sizes.custom
        ? checkCustomSize(options.size, caps.sizes.custom)
        : 'is not offered';
      if (problem) {
        const allowed = caps.sizes.custom
          ? `${list(caps.sizes.presets)} or WxH`
          : list(caps.sizes.presets);
        issue('size', `"${options.size}" ${problem}; allowed: ${allowed}`);
      }
    }
  }

  if (options.quality !== undefined) {
    if (caps.qualities.length === 0) drop('quality', 'has no quality levels');
    else if (!caps.qualities.includes(options.quality)) {
      issue('quality', `"${options.quality}" is not offered; allowed: ${list(caps.qualities)}`);
    }
  }

  if (options.complexity !== undefined) {
    const levels = caps.complexities ?? [];
    if (levels.length === 0) drop('complexity', 'has no complexity levels');
    else if (!levels.includes(options.complexity)) {
      issue('complexity', `"${options.complexity}" is not offered; allowed: ${list(levels)}`);
    }
  }

  if (options.outputFormat !== undefined) {
    if (caps.outputFormats.length === 0) drop('outputFormat', 'has no output format option');
    else if (!caps.outputFormats.includes(options.outputFormat)) {
      issue(
        'outputFormat',
        `"${options.outputFormat}" is not offered; allowed: ${list(caps.outputFormats)}`,
      );
    }
  }

  if (options.background !== undefined) {
    if (caps.backgrounds.length === 0) drop('background', 'has no background option');
    else if (!caps.backgrounds.includes(options.background)) {
      issue(
        'background',
        `"${options.background}" is not offered; allowed: ${list(caps.backgrounds)}`,
      );
    } else if (options.background === 'transparent' && options.outputFormat === 'jpeg') {
      issue('background', 'transparent needs outputFormat png or webp; jpeg has no transparency');
    }
  }

  if (options.outputCompression !== undefined) {
    const value = options.outputCompression;
    if (!caps.outputCompression) drop('outputCompression', 'has no output compression option');
    else if (!Number.isInteger(value) || value < 0 || value > 100) {
      issue('outputCompression', `is ${value}; allowed: a whole number from 0 to 100`);
    } else if (options.outputFormat !== 'jpeg' && options.outputFormat !== 'webp') {
      issue('outputCompression', 'applies only to jpeg and webp; set outputFormat to jpeg or webp');
    }
  }

  if (options.inputFidelity !== undefined) {
    if (!caps.inputFidelity) drop('inputFidelity', 'has no input fidelity option');
    else if (options.inputFidelity !== 'high' && options.inputFidelity !== 'low') {
      issue(
        'inputFidelity',
        `"${String(options.inputFidelity)}" is not offered; allowed: high, low`,
      );
    }
  }

  if (options.partialImages !== undefined) {
    const value = options.partialImages;
    if (!caps.streaming) drop('partialImages', 'does not stream partial images');
    else if (!Number.isInteger(value) || value < 0 || value > caps.streaming.partialImages) {
      issue(
        'partialImages',
        `is ${value}; allowed: a whole number from 0 to ${caps.streaming.partialImages}`,
      );
    }
  }

  return { issues, warnings, options };
}

function checkInputs(
  input: ValidateEditRequestInput,
  caps: ModelCapabilities,
  issue: (field: string, message: string) => void,
): void {
  const { images, mask } = input;
  const requested = input.requestedImages ?? images.length;
  if (requested === 0) issue('images', 'is empty; pass at least one image');
  else if (requested > caps.maxInputImages) {
    issue(
      'images',
      `has ${requested} images; ${input.model.id} takes at most ${caps.maxInputImages}`,
    );
  }
  if (caps.squareInputsOnly) {
    images.forEach((file, i) => {
      if (file.width !== file.height) {
        issue(
          `images[${i}]`,
          `${file.filename} is ${file.width}x${file.height}; ${input.model.id} edits only square images, so crop it or pick another model`,
        );
      }
    });
  }
  const files: [string, ImageFile][] = images.map((file, i) => [`images[${i}]`, file]);
  if (mask) files.push(['mask', mask]);
  // A layer the model does not take is drawn onto the image here, so only the layer's own
  // checks (PNG, size) apply to it, not the model's input types.
  if (input.markup && caps.markupInput === 'layer') files.push(['markup', input.markup]);
  for (const [field, file] of files) {
    if (!caps.inputMediaTypes.includes(file.mediaType)) {
      issue(field, `${file.filename} is ${file.mediaType}; allowed: ${list(caps.inputMediaTypes)}`);
    }
    if (file.size > caps.maxInputBytes) {
      issue(
        field,
        `${file.filename} is ${megabytes(file.size)}; the limit is ${megabytes(caps.maxInputBytes)}`,
      );
    }
  }
  if (mask && !caps.mask)
    issue('mask', `${input.model.id} does not accept a mask; remove it or pick another model`);
  if (mask && input.markup) {
    issue(
      'markup',
      'cannot be sent with a mask: the marks already say where to edit, so use the marks or the mask, not both',
    );
  }
}

/** One error for all issues, so a user fixes everything in one go. */
export function invalidRequestError(
  modelId: string,
  provider: string,
  issues: readonly RequestIssue[],
): RetouchError {
  const lines = issues.map((i) => `- ${i.field} ${i.message}`).join('\n');
  const count = issues.length === 1 ? 'a problem' : `${issues.length} problems`;
  return new RetouchError({
    code: 'invalid_request',
    provider,
    issues,
    message: `The request has ${count} for ${provider}:${modelId}:\n${lines}`,
  });
}
