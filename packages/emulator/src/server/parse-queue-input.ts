import type { OutputFormat } from '../edit/encode-image.js';
import { parseSize } from '../edit/render-edit.js';

/** A queue job's input after validation: image references are still strings. */
export interface QueueInput {
  prompt: string;
  imageRefs: string[];
  maskRef?: string;
  n: number;
  size?: string;
  quality: string;
  background: 'transparent' | 'opaque' | 'auto';
  outputFormat: OutputFormat;
  outputCompression: number;
  inputFidelity?: string;
}

/** One field problem, in fal's (pydantic's) 422 shape. */
export interface FieldProblem {
  loc: Array<string | number>;
  msg: string;
  type: string;
}

type Result = { ok: true; input: QueueInput } | { ok: false; problems: FieldProblem[] };

const ENUMS: Record<string, string[]> = {
  quality: ['low', 'medium', 'high', 'auto'],
  background: ['transparent', 'opaque', 'auto'],
  output_format: ['png', 'jpeg', 'webp'],
  input_fidelity: ['high', 'low'],
  moderation: ['auto', 'low'],
};

/**
 * Checks a queue submission (the seed's gpt_image_1_edit fields, with fal's `image_urls` and
 * `mask_url` spellings). Unknown fields are ignored, as pydantic models do by default.
 */
export function parseQueueInput(body: unknown): Result {
  const problems: FieldProblem[] = [];
  const add = (field: string, msg: string, type: string, index?: number) =>
    problems.push({
      loc: index === undefined ? ['body', field] : ['body', field, index],
      msg,
      type,
    });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      problems: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }],
    };
  }
  const f = body as Record<string, unknown>;
  const prompt = f.prompt;
  if (prompt === undefined) add('prompt', 'Field required', 'missing');
  else if (typeof prompt !== 'string' || prompt.length === 0)
    add('prompt', 'Input should be a non-empty string', 'string_type');
  else if (prompt.length > 32000)
    add('prompt', 'String should have at most 32000 characters', 'string_too_long');
  const imageField = ['images', 'image_urls', 'image_url'].find((k) => f[k] !== undefined);
  const rawImages = imageField ? f[imageField] : undefined;
  const imageRefs = typeof rawImages === 'string' ? [rawImages] : rawImages;
  if (!imageField) add('image_urls', 'Field required', 'missing');
  else if (!Array.isArray(imageRefs) || imageRefs.length === 0)
    add(imageField, 'Input should be a non-empty list', 'list_type');
  else if (imageRefs.length > 16) add(imageField, 'List should have at most 16 items', 'too_long');
  else {
    for (const [i, ref] of imageRefs.entries()) {
      if (typeof ref !== 'string')
        add(imageField, 'Input should be a valid string', 'string_type', i);
    }
  }
  const maskField = ['mask', 'mask_url', 'mask_image_url'].find(
    (k) => f[k] !== undefined && f[k] !== null,
  );
  if (maskField && typeof f[maskField] !== 'string')
    add(maskField, 'Input should be a valid string', 'string_type');
  for (const [field, allowed] of Object.entries(ENUMS)) {
    const v = f[field];
    if (v !== undefined && v !== null && !allowed.includes(v as string)) {
      add(field, `Input should be ${allowed.map((a) => `'${a}'`).join(', ')}`, 'enum');
    }
  }
  const int = (field: string, min: number, max: number, fallback: number): number => {
    const v = f[field];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v))
      add(field, 'Input should be a valid integer', 'int_type');
    else if (v < min || v > max) add(field, `Input should be between ${min} and ${max}`, 'range');
    return v as number;
  };
  // fal names the count `num_images`; the seed's gateway says `n`.
  const n = int(f.num_images !== undefined && f.n === undefined ? 'num_images' : 'n', 1, 10, 1);
  const outputCompression = int('output_compression', 0, 100, 100);
  const sizeField = f.size === undefined && f.image_size !== undefined ? 'image_size' : 'size';
  const size = sizeText(f[sizeField]);
  if (size === false) {
    add(
      sizeField,
      "Input should be 'auto', '1024x1024', '1024x1536', '1536x1024', WIDTHxHEIGHT or {width, height}, each side 1 to 4096",
      'enum',
    );
  }
  if (f.background === 'transparent' && f.output_format === 'jpeg') {
    add('background', 'Transparent backgrounds require output_format png or webp', 'value_error');
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    input: {
      prompt: prompt as string,
      imageRefs: imageRefs as string[],
      ...(maskField ? { maskRef: f[maskField] as string } : {}),
      n,
      ...(typeof size === 'string' ? { size } : {}),
      quality: (f.quality as string | undefined) ?? 'auto',
      background: (f.background as QueueInput['background'] | undefined) ?? 'auto',
      outputFormat: (f.output_format as OutputFormat | undefined) ?? 'png',
      outputCompression,
      ...(typeof f.input_fidelity === 'string' ? { inputFidelity: f.input_fidelity } : {}),
    },
  };
}

const validSide = (side: unknown): side is number =>
  typeof side === 'number' && Number.isInteger(side) && side >= 1 && side <= 4096;

/**
 * A size as `WIDTHxHEIGHT` text: from the seed's `'auto'`/`'1024x1536'` strings or fal's own
 * `{width, height}`. Undefined when none was given; false when it is not a size.
 */
function sizeText(size: unknown): string | undefined | false {
  if (size === undefined || size === null) return undefined;
  if (size === 'auto') return size;
  if (typeof size === 'string') {
    const dims = parseSize(size);
    return dims && validSide(dims[0]) && validSide(dims[1]) ? size : false;
  }
  if (typeof size !== 'object' || Array.isArray(size)) return false;
  const { width, height } = size as { width?: unknown; height?: unknown };
  return validSide(width) && validSide(height) ? `${width}x${height}` : false;
}
