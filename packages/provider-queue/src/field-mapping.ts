import type { EditCall } from '@retouch/core/provider';
import * as z from 'zod/mini';

const name = z.string().check(z.minLength(1));

/**
 * Which JSON field carries each part of an edit, for one model. Queue endpoints disagree on names
 * (`images` vs `image_urls` vs `image_url`, `n` vs `num_images`); `null` means the model takes no
 * such field, so it is never sent.
 */
export const fieldMappingSchema = z.object({
  prompt: z._default(name, 'prompt'),
  /** Input images. A name ending in `_url` (singular) gets one URL string instead of an array. */
  images: z._default(name, 'images'),
  imagesAs: z.optional(z.enum(['array', 'single'])),
  mask: z._default(z.nullable(name), 'mask'),
  n: z._default(z.nullable(name), 'n'),
  size: z._default(z.nullable(name), 'size'),
  quality: z._default(z.nullable(name), 'quality'),
  background: z._default(z.nullable(name), 'background'),
  outputFormat: z._default(z.nullable(name), 'output_format'),
  outputCompression: z._default(z.nullable(name), 'output_compression'),
  inputFidelity: z._default(z.nullable(name), 'input_fidelity'),
  user: z._default(z.nullable(name), 'user'),
});

export type FieldMapping = z.output<typeof fieldMappingSchema>;
export type FieldMappingInput = z.input<typeof fieldMappingSchema>;

/** The names the queue API in seeds/004 uses (`images`, `mask`, `n`, `size`, …). */
export const defaultFieldMapping: FieldMapping = fieldMappingSchema.parse({});

export function resolveFieldMapping(...layers: (FieldMappingInput | undefined)[]): FieldMapping {
  const merged: FieldMappingInput = {};
  for (const layer of layers) Object.assign(merged, layer);
  return fieldMappingSchema.parse(merged);
}

export interface SubmitInputs {
  /** One reference (data URI or URL) per input image, in order. */
  images: readonly string[];
  mask?: string;
}

/**
 * The JSON body of a submit request. `providerOptions` go in last and verbatim, so a user can set
 * fields Retouch has no name for (`seed`, `moderation`, `sync_mode`, …) or override a mapped one.
 */
export function buildSubmitBody(
  call: EditCall,
  inputs: SubmitInputs,
  mapping: FieldMapping,
): Record<string, unknown> {
  const body: Record<string, unknown> = { [mapping.prompt]: call.prompt };
  const imagesAs = mapping.imagesAs ?? (/_url$/.test(mapping.images) ? 'single' : 'array');
  body[mapping.images] = imagesAs === 'single' ? inputs.images[0] : [...inputs.images];

  const optional: [string | null, unknown][] = [
    [mapping.mask, inputs.mask],
    [mapping.n, call.n],
    [mapping.size, call.size],
    [mapping.quality, call.quality],
    [mapping.background, call.background],
    [mapping.outputFormat, call.outputFormat],
    [mapping.outputCompression, call.outputCompression],
    [mapping.inputFidelity, call.inputFidelity],
    [mapping.user, call.user],
  ];
  for (const [name, value] of optional) {
    if (name !== null && value !== undefined) body[name] = value;
  }
  return { ...body, ...call.providerOptions };
}
