import * as z from 'zod/mini';
import { modelPricingSchema } from '../cost/model-pricing.js';
import {
  httpUrlSchema,
  isoDateSchema,
  modelCapabilitiesSchema,
  modelLifecycleSchema,
} from './config-schemas.js';
import { useEnglishZodMessages } from './zod-messages.js';

/** Where a fact in a model table comes from, and when someone last checked it there. */
export const modelSourceSchema = z.object({
  title: z.string().check(z.minLength(1)),
  url: z.optional(httpUrlSchema),
  checked: isoDateSchema,
});

/**
 * One model in a provider's data file. `facts` names the source of each fact (a path such as
 * `capabilities.sizes.custom` or `lifecycle.shutdownDate`, mapped to a key of the file's
 * `sources`). `pricing` holds the model's published prices with their own source and date.
 */
export const modelTableEntrySchema = z.object({
  id: z.string().check(z.minLength(1)),
  displayName: z.optional(z.string().check(z.minLength(1))),
  wire: z.optional(z.string().check(z.minLength(1))),
  capabilities: modelCapabilitiesSchema,
  lifecycle: z.optional(modelLifecycleSchema),
  facts: z._default(z.record(z.string(), z.string()), {}),
  pricing: z.optional(modelPricingSchema),
});

/**
 * The shape of a provider's model data file: sources, then models. Providers extend the entry
 * with their own wire traits (`z.extend(modelTableEntrySchema, { … })`). It checks that ids are
 * unique and that every fact names a listed source.
 */
export function modelTableSchema<
  Entry extends z.ZodMiniType<{ id: string; facts: Record<string, string> }, unknown>,
>(entry: Entry) {
  useEnglishZodMessages();
  return z
    .object({
      $comment: z.optional(z.string()),
      schemaVersion: z.literal(1),
      updated: isoDateSchema,
      sources: z.record(z.string(), modelSourceSchema),
      models: z.array(entry).check(z.minLength(1)),
    })
    .check(
      z.superRefine((table, context) => {
        const seen = new Set<string>();
        table.models.forEach((model, index) => {
          const { id, facts } = model;
          if (seen.has(id)) {
            context.addIssue({
              code: 'custom',
              path: ['models', index, 'id'],
              message: `${id} is listed twice`,
            });
          }
          seen.add(id);
          for (const [fact, source] of Object.entries(facts)) {
            if (!(source in table.sources)) {
              context.addIssue({
                code: 'custom',
                path: ['models', index, 'facts', fact],
                message: `names the source "${source}", which is not in "sources"`,
              });
            }
          }
        });
      }),
    );
}

export type ModelTableEntry = z.output<typeof modelTableEntrySchema>;
