import * as z from 'zod/mini';
import type { ModelCapabilities, ModelLifecycle } from './capabilities.js';
import { httpUrlSchema, isoDateSchema } from './value-schemas.js';

export { httpUrlSchema, isoDateSchema };

// zod/mini: the schemas an app parses on every edit cost a fraction of the classic API's bundle.
// Compose them with the functions (`z.optional(schema)`, `z.partial(schema)`), which zod's classic
// API has too.

const positiveInteger = z.int().check(z.positive());
const atLeastOne = z.int().check(z.minimum(1));

/**
 * `ModelCapabilities` as a zod schema, so plugins let users declare custom models in their
 * configuration. Use `z.partial(modelCapabilitiesSchema)` for overrides laid over a known model.
 */
export const modelCapabilitiesSchema = z.object({
  sizes: z.object({
    presets: z.array(z.string()),
    custom: z.optional(
      z.partial(
        z.object({
          minEdge: positiveInteger,
          maxEdge: positiveInteger,
          multipleOf: positiveInteger,
          minPixels: positiveInteger,
          maxPixels: positiveInteger,
          maxAspectRatio: z.number().check(z.positive()),
        }),
      ),
    ),
  }),
  n: z.object({ min: atLeastOne, max: atLeastOne }),
  maxImagesPerCall: atLeastOne,
  maxInputImages: atLeastOne,
  inputMediaTypes: z.array(
    z.enum([
      'image/png',
      'image/jpeg',
      'image/webp',
      'image/gif',
      'image/heic',
      'image/heif',
      'image/avif',
      'image/tiff',
      'image/bmp',
    ]),
  ),
  maxInputBytes: positiveInteger,
  maxUsefulInputEdge: z.optional(positiveInteger),
  maxMaskBytes: z.optional(positiveInteger),
  squareInputsOnly: z.optional(z.boolean()),
  mask: z.boolean(),
  outputFormats: z.array(z.enum(['png', 'jpeg', 'webp'])),
  outputCompression: z.boolean(),
  backgrounds: z.array(z.enum(['auto', 'transparent', 'opaque'])),
  qualities: z.array(z.string()),
  inputFidelity: z.boolean(),
  streaming: z.union([z.literal(false), z.object({ partialImages: z.int().check(z.minimum(0)) })]),
  maxPromptLength: positiveInteger,
  markupInput: z.optional(z.enum(['flattened', 'reference', 'layer'])),
  complexities: z.optional(z.array(z.string())),
}) satisfies z.ZodMiniType<ModelCapabilities>;

/** `ModelLifecycle` as a zod schema, for data files and user configuration. */
export const modelLifecycleSchema = z.object({
  status: z.optional(z.enum(['active', 'preview', 'legacy', 'deprecated'])),
  deprecationDate: z.optional(isoDateSchema),
  shutdownDate: z.optional(isoDateSchema),
  replacement: z.optional(z.string().check(z.minLength(1))),
}) satisfies z.ZodMiniType<ModelLifecycle>;

/**
 * `ResponseLimits` from `@retouch/core/http` as a zod schema, for a plugin's configuration
 * (`responseLimits: z.optional(responseLimitsSchema)`), so every provider takes the same keys.
 * Each key is optional; an absent one keeps the default.
 */
export const responseLimitsSchema = z.partial(
  z.strictObject({
    /** Per image an answer may carry inline (base64), e.g. 100 * 1024 * 1024. Default 48 MiB. */
    imageBytes: positiveInteger,
    /** An answer without images, e.g. a queue status document. Default 8 MiB. */
    documentBytes: positiveInteger,
    /** An error answer's body. Default 1 MiB. */
    errorBytes: positiveInteger,
  }),
);
