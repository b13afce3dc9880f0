import {
  httpUrlSchema,
  modelCapabilitiesSchema,
  modelLifecycleSchema,
  responseLimitsSchema,
} from '@retouch/core/provider';
import * as z from 'zod/mini';

const httpUrl = httpUrlSchema;

/** Every field optional: a custom model states what differs from the permissive default. */
export const modelCapabilitiesConfigSchema = z.partial(modelCapabilitiesSchema);

export const bodyModeSchema = z.enum(['multipart', 'json']);
export type BodyMode = z.infer<typeof bodyModeSchema>;

/** `images`: `POST /images/edits`; `chat`: `POST /chat/completions` with image output. */
export const wireSchema = z.enum(['images', 'chat']);
export type Wire = z.infer<typeof wireSchema>;

export const customModelSchema = z.object({
  /** The id sent as `model`, e.g. a gateway's `flux-kontext-pro`. */
  id: z.string().check(z.minLength(1)),
  displayName: z.optional(z.string()),
  capabilities: z._default(modelCapabilitiesConfigSchema, {}),
  /** Overrides the provider-wide body mode for this model. */
  bodyMode: z.optional(bodyModeSchema),
  /** The wire for this model; wins over the provider-wide `wire` and the built-in data. */
  wire: z.optional(wireSchema),
  /** Retirement facts, e.g. `{ shutdownDate: '2026-12-01' }`: Retouch warns as the date nears. */
  lifecycle: z.optional(modelLifecycleSchema),
  /** Send `response_format: b64_json` (dall-e-style models that answer with URLs otherwise). */
  responseFormat: z.optional(z.boolean()),
});
export type CustomModelConfig = z.infer<typeof customModelSchema>;

export const openAICompatibleConfigSchema = z.object({
  /** Everything up to `/images/edits`; the emulator's is `${emulator.url}/v1`. */
  baseURL: z._default(httpUrl, 'https://api.openai.com/v1'),
  apiKey: z.optional(z.string().check(z.minLength(1))),
  /** Sent with every request to `baseURL` (never with downloads from other origins). */
  headers: z._default(z.record(z.string(), z.string()), {}),
  /** Added to the edit URL, e.g. Azure's `{ 'api-version': '2025-04-01-preview' }`. */
  queryParams: z._default(z.record(z.string(), z.string()), {}),
  /** `bearer` → `Authorization: Bearer K`; `api-key` → `api-key: K` (Azure). */
  authStyle: z._default(z.enum(['bearer', 'api-key']), 'bearer'),
  /** Waiting for headers and between body chunks; high-quality edits take minutes. */
  timeoutMs: z._default(z.int().check(z.positive()), 600_000),
  /** Proxy URL; when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply. */
  proxy: z.optional(httpUrl),
  bodyMode: z._default(bodyModeSchema, 'multipart'),
  /**
   * Every model's wire, unless a configured model names its own. Unset: each model's wire from the
   * built-in data (`images` for OpenAI's models, `chat` for gateway image models).
   */
  wire: z.optional(wireSchema),
  /** `auto`: `image` for one input, `image[]` for several. Some gateways accept only one form. */
  imageFieldStyle: z._default(z.enum(['auto', 'image', 'image[]']), 'auto'),
  /** Cap for images the server returns as URLs. */
  maxDownloadBytes: z._default(z.int().check(z.positive()), 64 * 1024 * 1024),
  /**
   * How much of an answer is read before giving up: `imageBytes` per image asked for (default
   * 48 MiB), `documentBytes` (8 MiB), `errorBytes` (1 MiB). Raise `imageBytes` for a server that
   * returns larger images inline.
   */
  responseLimits: z.optional(responseLimitsSchema),
  /** Models beyond the built-in table, or overrides of built-in ids. */
  models: z._default(z.array(customModelSchema), []),
});

export type OpenAICompatibleConfig = z.output<typeof openAICompatibleConfigSchema>;
export type OpenAICompatibleConfigInput = z.input<typeof openAICompatibleConfigSchema>;
