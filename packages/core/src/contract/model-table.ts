import { z } from 'zod';
import {
  httpUrlSchema,
  isoDateSchema,
  modelCapabilitiesSchema,
  modelLifecycleSchema,
} from './config-schemas.js';

/** Where a fact in a model table comes from, and when someone last checked it there. */
export const modelSourceSchema = z.object({
  title: z.string().min(1),
  url: httpUrlSchema.optional(),
  checked: isoDateSchema,
});

/**
 * One model in a provider's data file. `facts` names the source of each fact (a path such as
 * `capabilities.sizes.custom` or `lifecycle.shutdownDate`, mapped to a key of the file's
 * `sources`). `pricing` is reserved for per-model prices; nothing reads it yet.
 */
export const modelTableEntrySchema = z.object({
  id: z.string().min(1),
  displayName: z.string().min(1).optional(),
  wire: z.string().min(1).optional(),
  capabilities: modelCapabilitiesSchema,
  lifecycle: modelLifecycleSchema.optional(),
  facts: z.record(z.string(), z.string()).default({}),
  pricing: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The shape of a provider's model data file: sources, then models. Providers extend the entry
 * with their own wire traits (`modelTableEntrySchema.extend({ … })`). It checks that ids are
 * unique and that every fact names a listed source.
 */
export function modelTableSchema<
  Entry extends z.ZodType<{ id: string; facts: Record<string, string> }, unknown>,
>(entry: Entry) {
  return z
    .object({
      $comment: z.string().optional(),
      schemaVersion: z.literal(1),
      updated: isoDateSchema,
      sources: z.record(z.string(), modelSourceSchema),
      models: z.array(entry).min(1),
    })
    .superRefine((table, context) => {
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
    });
}

export type ModelTableEntry = z.output<typeof modelTableEntrySchema>;
