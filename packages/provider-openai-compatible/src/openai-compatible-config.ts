import {
  httpUrlSchema,
  modelCapabilitiesSchema,
  modelLifecycleSchema,
  responseLimitsSchema,
} from '@retouch/core';
import { z } from 'zod';

const httpUrl = httpUrlSchema;

/** Every field optional: a custom model states what differs from the permissive default. */
export const modelCapabilitiesConfigSchema = modelCapabilitiesSchema.partial();

export const bodyModeSchema = z.enum(['multipart', 'json']);
export type BodyMode = z.infer<typeof bodyModeSchema>;

/** `images`: `POST /images/edits`; `chat`: `POST /chat/completions` with image output. */
export const wireSchema = z.enum(['images', 'chat']);
export type Wire = z.infer<typeof wireSchema>;

export const customModelSchema = z.object({
  /** The id sent as `model`, e.g. a gateway's `flux-kontext-pro`. */
  id: z.string().min(1),
  displayName: z.string().optional(),
  capabilities: modelCapabilitiesConfigSchema.default({}),
  /** Overrides the provider-wide body mode for this model. */
  bodyMode: bodyModeSchema.optional(),
  /** The wire for this model; wins over the provider-wide `wire` and the built-in data. */
  wire: wireSchema.optional(),
  /** Retirement facts, e.g. `{ shutdownDate: '2026-12-01' }`: Retouch warns as the date nears. */
  lifecycle: modelLifecycleSchema.optional(),
  /** Send `response_format: b64_json` (dall-e-style models that answer with URLs otherwise). */
  responseFormat: z.boolean().optional(),
});
export type CustomModelConfig = z.infer<typeof customModelSchema>;

export const openAICompatibleConfigSchema = z.object({
  /** Everything up to `/images/edits`; the emulator's is `${emulator.url}/v1`. */
  baseURL: httpUrl.default('https://api.openai.com/v1'),
  apiKey: z.string().min(1).optional(),
  /** Sent with every request to `baseURL` (never with downloads from other origins). */
  headers: z.record(z.string(), z.string()).default({}),
  /** Added to the edit URL, e.g. Azure's `{ 'api-version': '2025-04-01-preview' }`. */
  queryParams: z.record(z.string(), z.string()).default({}),
  /** `bearer` → `Authorization: Bearer K`; `api-key` → `api-key: K` (Azure). */
  authStyle: z.enum(['bearer', 'api-key']).default('bearer'),
  /** Waiting for headers and between body chunks; high-quality edits take minutes. */
  timeoutMs: z.number().int().positive().default(600_000),
  /** Proxy URL; when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply. */
  proxy: httpUrl.optional(),
  bodyMode: bodyModeSchema.default('multipart'),
  /**
   * Every model's wire, unless a configured model names its own. Unset: each model's wire from the
   * built-in data (`images` for OpenAI's models, `chat` for gateway image models).
   */
  wire: wireSchema.optional(),
  /** `auto`: `image` for one input, `image[]` for several. Some gateways accept only one form. */
  imageFieldStyle: z.enum(['auto', 'image', 'image[]']).default('auto'),
  /** Cap for images the server returns as URLs. */
  maxDownloadBytes: z
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  /**
   * How much of an answer is read before giving up: `imageBytes` per image asked for (default
   * 48 MiB), `documentBytes` (8 MiB), `errorBytes` (1 MiB). Raise `imageBytes` for a server that
   * returns larger images inline.
   */
  responseLimits: responseLimitsSchema.optional(),
  /** Models beyond the built-in table, or overrides of built-in ids. */
  models: z.array(customModelSchema).default([]),
});

export type OpenAICompatibleConfig = z.output<typeof openAICompatibleConfigSchema>;
export type OpenAICompatibleConfigInput = z.input<typeof openAICompatibleConfigSchema>;
