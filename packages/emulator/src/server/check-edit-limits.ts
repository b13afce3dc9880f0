import type { OutputFormat } from '../edit/encode-image.js';
import { refuseSize, sizeRuleFor } from '../edit/model-sizes.js';
import { parseSize } from '../edit/render-edit.js';
import { sniffImage } from '../edit/sniff-image.js';
import { type EditRequest, EditRequestError } from './parse-edit-request.js';

const MB = 1024 * 1024;
/** gpt-image-2.5 and 2.6 come as -flare and -sunburst, with dated snapshots; a family per prefix. */
const isGpt25 = (model: string) => /^gpt-image-2\.5(-|$)/.test(model);
const isGpt26 = (model: string) => /^gpt-image-2\.6(-|$)/.test(model);

/** The settled options of an OpenAI edit, after the documented limits were checked. */
export interface EditOptions {
  model: string;
  prompt: string;
  n: number;
  size: string | undefined;
  quality: string;
  /** gpt-image-2.6's planning effort, when asked for. */
  complexity: string | undefined;
  background: 'transparent' | 'opaque' | 'auto';
  outputFormat: OutputFormat;
  outputCompression: number;
  responseFormat: 'url' | 'b64_json';
  stream: boolean;
  partialImages: number;
  isDalle2: boolean;
}

const fail = (message: string, param: string, code = 'invalid_value'): never => {
  throw new EditRequestError(message, param, code);
};

function str(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    fail(`Invalid type for '${name}': expected a string.`, name, 'invalid_type');
  return value as string;
}

function int(fields: Record<string, unknown>, name: string, fallback: number): number {
  const value = fields[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail(`Invalid type for '${name}': expected an integer.`, name, 'invalid_type');
  }
  return value as number;
}

function checkSize(model: string, size: string | undefined): void {
  if (size === undefined) return;
  const rule = sizeRuleFor(model);
  if (rule) {
    const refusal = refuseSize(rule, size);
    if (refusal) fail(refusal, 'size');
    return;
  }
  if (size === 'auto') return;
  const dims = parseSize(size);
  if (!dims || dims[0] < 1 || dims[1] < 1 || dims[0] > 4096 || dims[1] > 4096) {
    fail(`Invalid size '${size}': use WIDTHxHEIGHT (each 1-4096) or 'auto'.`, 'size');
  }
}

/** The limits the spec's descriptions state, beyond what its schemas can express. */
export function checkEditLimits(request: EditRequest): EditOptions {
  const f = request.fields;
  const model = str(f, 'model') ?? 'gpt-image-1.5';
  const isDalle2 = model === 'dall-e-2';
  const prompt = str(f, 'prompt');
  if (!prompt)
    fail("Missing required parameter: 'prompt'.", 'prompt', 'missing_required_parameter');
  const maxPrompt = isDalle2 ? 1000 : 32000;
  if (prompt!.length > maxPrompt) {
    fail(
      `Invalid 'prompt': string too long. Expected a string with maximum length ${maxPrompt}, but got a string with length ${prompt!.length} instead.`,
      'prompt',
      'string_above_max_length',
    );
  }
  const images = request.images;
  if (images.length === 0)
    fail("Missing required parameter: 'image'.", 'image', 'missing_required_parameter');
  if (images.length > (isDalle2 ? 1 : 16)) {
    fail(
      `Too many images: ${model} accepts at most ${isDalle2 ? 1 : 16}.`,
      'image',
      'too_many_images',
    );
  }
  const maxImage = isDalle2 ? 4 * MB : 50 * MB;
  for (const [i, image] of images.entries()) {
    const param = images.length > 1 ? `image[${i}]` : 'image';
    if (image.length > maxImage)
      fail(`Invalid file '${param}': larger than ${maxImage / MB} MB.`, param, 'file_too_large');
    if (isDalle2 && sniffImage(image) !== 'png')
      fail(`Invalid file '${param}': dall-e-2 needs a PNG.`, param, 'unsupported_file_mimetype');
  }
  if (request.mask && request.mask.length > 4 * MB)
    fail("Invalid file 'mask': larger than 4 MB.", 'mask', 'file_too_large');
  const n = int(f, 'n', 1);
  if (n < 1 || n > 10) fail(`Invalid 'n': must be between 1 and 10, got ${n}.`, 'n');
  const size = str(f, 'size');
  checkSize(model, size);
  const outputFormat = (str(f, 'output_format') ?? 'png') as OutputFormat;
  const background = (str(f, 'background') ?? 'auto') as EditOptions['background'];
  if (background === 'transparent' && outputFormat === 'jpeg') {
    fail(
      "Transparent background requires output_format 'png' or 'webp'.",
      'background',
      'invalid_value',
    );
  }
  const outputCompression = int(f, 'output_compression', 100);
  if (outputCompression < 0 || outputCompression > 100) {
    fail(
      `Invalid 'output_compression': must be between 0 and 100, got ${outputCompression}.`,
      'output_compression',
    );
  }
  if (model === 'gpt-image-1-mini' && f.input_fidelity != null) {
    fail(
      "'input_fidelity' is not supported for gpt-image-1-mini.",
      'input_fidelity',
      'unsupported_parameter',
    );
  }
  const quality = str(f, 'quality') ?? 'auto';
  if ((quality === 'xhigh' || quality === 'max') && !isGpt25(model) && !isGpt26(model)) {
    fail(
      `Invalid quality '${quality}' for ${model}: xhigh and max need gpt-image-2.5 or gpt-image-2.6.`,
      'quality',
    );
  }
  const complexity = str(f, 'complexity');
  if (complexity !== undefined && !isGpt26(model)) {
    fail(`'complexity' is not supported for ${model}.`, 'complexity', 'unsupported_parameter');
  }
  if (request.markup) checkMarkup(model, request);
  const stream = f.stream === true;
  if (stream && isDalle2)
    fail('Streaming is not supported for dall-e-2.', 'stream', 'unsupported_parameter');
  const responseFormat = (str(f, 'response_format') ?? (isDalle2 ? 'url' : 'b64_json')) as
    | 'url'
    | 'b64_json';
  return {
    model,
    prompt: prompt!,
    n,
    size,
    quality,
    complexity,
    background,
    outputFormat,
    outputCompression,
    responseFormat,
    stream,
    partialImages: int(f, 'partial_images', 0),
    isDalle2,
  };
}

/** gpt-image-2.6 takes marks as their own layer: a PNG, at most 4 MB like a mask, never with one. */
function checkMarkup(model: string, request: EditRequest): void {
  if (!isGpt26(model)) {
    fail(`'markup' is not supported for ${model}.`, 'markup', 'unsupported_parameter');
  }
  if (request.mask) {
    fail("'markup' cannot be combined with 'mask'.", 'markup', 'invalid_request');
  }
  if (request.markup!.length > 4 * MB)
    fail("Invalid file 'markup': larger than 4 MB.", 'markup', 'file_too_large');
  if (sniffImage(request.markup!) !== 'png')
    fail("Invalid file 'markup': it must be a PNG.", 'markup', 'unsupported_file_mimetype');
}
