import { z } from 'zod';
import type { EditImageOptions } from '../contract/edit-request.js';

/**
 * The options a preset may set: the ones that shape a result. Unknown keys are refused, so a typo
 * such as `format` for `outputFormat` is reported instead of being silently ignored.
 */
export const presetOptionsSchema = z
  .object({
    size: z.string().min(1),
    quality: z.string().min(1),
    n: z.number().int().min(1).max(100),
    background: z.enum(['auto', 'transparent', 'opaque']),
    outputFormat: z.enum(['png', 'jpeg', 'webp']),
    outputCompression: z.number().int().min(0).max(100),
    inputFidelity: z.enum(['high', 'low']),
  })
  .partial()
  .strict() satisfies z.ZodType<PresetOptions>;

/** A name someone types (`--preset fix-lighting`) or reads in a list: printable, one line. */
const presetNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((name) => !/[\p{Cc}]/u.test(name), { message: 'must not contain control characters' });

/** A saved prompt with optional options, as the built-in data file and user settings hold it. */
export const promptPresetSchema = z
  .object({
    name: presetNameSchema,
    prompt: z.string().trim().min(1).max(32_000),
    description: z.string().trim().max(200).optional(),
    options: presetOptionsSchema.optional(),
  })
  .strict();

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
