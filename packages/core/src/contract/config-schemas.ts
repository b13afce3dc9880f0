import { z } from 'zod';
import type { ModelCapabilities, ModelLifecycle } from './capabilities.js';

/** An absolute http(s) URL, for base URLs and other endpoints in plugin configuration. */
export const httpUrlSchema = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), { message: 'must be an http(s) URL' });

/**
 * `ModelCapabilities` as a zod schema, so plugins let users declare custom models in their
 * configuration. Use `.partial()` for overrides laid over a known model.
 */
export const modelCapabilitiesSchema = z.object({
  sizes: z.object({
    presets: z.array(z.string()),
    custom: z
      .object({
        minEdge: z.number().int().positive(),
        maxEdge: z.number().int().positive(),
        multipleOf: z.number().int().positive(),
        minPixels: z.number().int().positive(),
        maxPixels: z.number().int().positive(),
        maxAspectRatio: z.number().positive(),
      })
      .partial()
      .optional(),
  }),
  n: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }),
  maxImagesPerCall: z.number().int().min(1),
  maxInputImages: z.number().int().min(1),
  inputMediaTypes: z.array(z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif'])),
  maxInputBytes: z.number().int().positive(),
  squareInputsOnly: z.boolean().optional(),
  mask: z.boolean(),
  outputFormats: z.array(z.enum(['png', 'jpeg', 'webp'])),
  outputCompression: z.boolean(),
  backgrounds: z.array(z.enum(['auto', 'transparent', 'opaque'])),
  qualities: z.array(z.string()),
  inputFidelity: z.boolean(),
  streaming: z.union([z.literal(false), z.object({ partialImages: z.number().int().min(0) })]),
  maxPromptLength: z.number().int().positive(),
}) satisfies z.ZodType<ModelCapabilities>;

/** A calendar day as `YYYY-MM-DD`, the form vendors publish shutdown dates in. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real date');

/** `ModelLifecycle` as a zod schema, for data files and user configuration. */
export const modelLifecycleSchema = z.object({
  status: z.enum(['active', 'preview', 'legacy', 'deprecated']).optional(),
  deprecationDate: isoDateSchema.optional(),
  shutdownDate: isoDateSchema.optional(),
  replacement: z.string().min(1).optional(),
}) satisfies z.ZodType<ModelLifecycle>;

const byteCount = z.number().int().positive();

/**
 * `ResponseLimits` from `@retouch/core/http` as a zod schema, for a plugin's configuration
 * (`responseLimits: responseLimitsSchema.optional()`), so every provider takes the same keys.
 * Each key is optional; an absent one keeps the default.
 */
export const responseLimitsSchema = z
  .object({
    /** Per image an answer may carry inline (base64), e.g. 100 * 1024 * 1024. Default 48 MiB. */
    imageBytes: byteCount,
    /** An answer without images, e.g. a queue status document. Default 8 MiB. */
    documentBytes: byteCount,
    /** An error answer's body. Default 1 MiB. */
    errorBytes: byteCount,
  })
  .partial()
  .strict();
