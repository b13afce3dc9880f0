import { modelTableEntrySchema, modelTableSchema } from '@retouch/core/provider';
import * as z from 'zod/mini';
import { bodyModeSchema, wireSchema } from '../openai-compatible-config.js';
import builtInData from './openai-compatible-models.json' with { type: 'json' };

/** One model in the data file: core's entry plus what this provider needs to build a body. */
export const modelDataEntrySchema = z.extend(modelTableEntrySchema, {
  wire: z._default(wireSchema, 'images'),
  /** Forces a body mode for the images API (dall-e-2 takes only multipart). */
  bodyMode: z.optional(bodyModeSchema),
  /** Whether the model takes `response_format` (only dall-e-2 in the spec). */
  responseFormat: z._default(z.boolean(), false),
  /** Whether `output_format`/`output_compression`/`background`/`input_fidelity` go on the wire. */
  gptImageParams: z._default(z.boolean(), true),
  /** Set when the model takes edits on the Batch API; `priceFactor` is its share of the live price. */
  batch: z.optional(z.object({ priceFactor: z.number().check(z.positive(), z.maximum(1)) })),
});
export type ModelDataEntry = z.output<typeof modelDataEntrySchema>;

export const modelDataSchema = modelTableSchema(modelDataEntrySchema);
export type ModelData = z.output<typeof modelDataSchema>;

/**
 * Validates a model data file. A broken file is a packaging mistake, so it throws at load with
 * every problem named rather than letting a wrong capability reach a user.
 */
export function parseModelData(data: unknown, name = 'model data'): ModelData {
  const parsed = modelDataSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new TypeError(`The ${name} is invalid: ${problems}`);
}

/** The shipped `openai-compatible-models.json`, as JSON (validate with `parseModelData`). */
export const builtInModelData: unknown = builtInData;
