import {
  httpUrlSchema,
  modelCapabilitiesSchema,
  responseLimitsSchema,
} from '@retouch/core/provider';
import * as z from 'zod/mini';

const positive = (fallback: number) => z._default(z.int().check(z.positive()), fallback);
const trimmedUrl = z.pipe(
  httpUrlSchema,
  z.transform((value) => value.replace(/\/+$/, '')),
);

const modelSchema = z.object({
  /** The name in `models/{model}:generateContent`, e.g. a gateway's own name for a Gemini model. */
  id: z.string().check(z.minLength(1)),
  displayName: z.optional(z.string()),
  /** Overrides the known (or default Gemini 3) capabilities, key by key. */
  capabilities: z.optional(z.partial(modelCapabilitiesSchema)),
});

export type GoogleModelConfig = z.output<typeof modelSchema>;

export const googleConfigSchema = z.object({
  /**
   * The API root to which `/models/{model}:generateContent` is appended. Default: the Gemini API,
   * `https://generativelanguage.googleapis.com/v1beta`; with `vertex`, Vertex AI's
   * `https://aiplatform.googleapis.com/v1` (global) or `https://{location}-aiplatform.googleapis.com/v1`.
   */
  baseURL: z.optional(trimmedUrl),
  /** A Gemini API key, or for Vertex AI an OAuth access token (`gcloud auth print-access-token`). */
  apiKey: z.optional(z.string().check(z.minLength(1))),
  /**
   * Vertex AI: the model path becomes
   * `projects/{project}/locations/{location}/publishers/google/models/{model}` and the key goes
   * as `Authorization: Bearer`.
   */
  vertex: z.optional(
    z.object({
      project: z
        .string()
        .check(z.regex(/^[a-z][a-z0-9-]{2,62}$/, 'must be a Google Cloud project id')),
      location: z._default(
        z.string().check(z.regex(/^[a-z0-9-]+$/, 'must be a region such as us-central1 or global')),
        'global',
      ),
    }),
  ),
  /** How the key travels: `x-goog-api-key` (the Gemini API's header) or `bearer`. Default by endpoint. */
  authStyle: z.optional(z.enum(['x-goog-api-key', 'bearer'])),
  /** Extra headers for every request. */
  headers: z._default(z.record(z.string(), z.string()), {}),
  /** Proxy URL; otherwise HTTPS_PROXY / NO_PROXY from the environment. */
  proxy: z.optional(z.string()),
  /**
   * `generationConfig.responseModalities`: `["TEXT","IMAGE"]` (Google's default for image
   * models; the model's words become the revised prompt) or `["IMAGE"]`.
   */
  responseModalities: z._default(z.array(z.enum(['TEXT', 'IMAGE'])), ['TEXT', 'IMAGE']),
  /**
   * Gemini has no mask field. `instruction` (default) sends the mask as one more image after the
   * inputs, introduced by a sentence saying what it is; `refuse` declares the models maskless, so
   * an edit with a mask stops before anything is sent.
   */
  mask: z._default(z.enum(['instruction', 'refuse']), 'instruction'),
  timeouts: z.prefault(
    z.object({
      connectMs: positive(30_000),
      /** Time to the response headers: a 4K image can take minutes. */
      headersMs: positive(300_000),
      bodyMs: positive(300_000),
    }),
    {},
  ),
  /** How much of an answer is read before giving up (see @retouch/core's ResponseLimits). */
  responseLimits: z.optional(responseLimitsSchema),
  models: z._default(z.array(modelSchema), []),
});

export type GoogleConfig = z.output<typeof googleConfigSchema>;
export type GoogleConfigInput = z.input<typeof googleConfigSchema>;
