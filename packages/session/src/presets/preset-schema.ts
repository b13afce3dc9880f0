import type { EditImageOptions } from '@retouch/core';
import * as z from 'zod/mini';

/**
 * The options a preset may set: the ones that shape a result. Unknown keys are refused, so a typo
 * such as `format` for `outputFormat` is reported instead of being silently ignored.
 */
export const presetOptionsSchema = z.partial(
  z.strictObject({
    size: z.string().check(z.minLength(1)),
    quality: z.string().check(z.minLength(1)),
    n: z.int().check(z.minimum(1), z.maximum(100)),
    background: z.enum(['auto', 'transparent', 'opaque']),
    outputFormat: z.enum(['png', 'jpeg', 'webp']),
    outputCompression: z.int().check(z.minimum(0), z.maximum(100)),
    inputFidelity: z.enum(['high', 'low']),
  }),
) satisfies z.ZodMiniType<PresetOptions>;

/** A name someone types (`--preset fix-lighting`) or reads in a list: printable, one line. */
const presetNameSchema = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(64),
  z.refine((name) => !/[\p{Cc}]/u.test(name), { message: 'must not contain control characters' }),
);

/** A saved prompt with optional options, as the built-in data file and user settings hold it. */
export const promptPresetSchema = z.strictObject({
  name: presetNameSchema,
  prompt: z.string().check(z.trim(), z.minLength(1), z.maxLength(32_000)),
  description: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  options: z.optional(presetOptionsSchema),
});

export const promptPresetListSchema = z.array(promptPresetSchema);

export type PresetOptions = Pick<
  EditImageOptions,
  'size' | 'quality' | 'n' | 'background' | 'outputFormat' | 'outputCompression' | 'inputFidelity'
>;

export interface PromptPreset {
  name: string;
  prompt: string;
  description?: string;
  options?: PresetOptions;
}

/** A preset with where it came from, as `listPresets()` returns them. */
export interface ListedPreset extends PromptPreset {
  source: 'built-in' | 'user';
}
