import {
  httpUrlSchema,
  type ImageFile,
  modelCapabilitiesSchema,
  responseLimitsSchema,
} from '@retouch/core/provider';
import * as z from 'zod/mini';
import { fieldMappingSchema } from './field-mapping.js';

/** Sends one input image somewhere the queue server can fetch it, and returns that URL. */
export type UploadHook = (file: ImageFile, signal: AbortSignal) => Promise<string>;

const httpUrl = httpUrlSchema;

const origin = z.pipe(
  httpUrl,
  z.transform((value) => new URL(value).origin),
);

/** Overrides of the known or default capabilities, key by key. */
const capabilitiesSchema = z.partial(modelCapabilitiesSchema);

const modelSchema = z.object({
  /** Endpoint id as it appears in the submit URL, e.g. `fal-ai/flux-pro/kontext`. */
  id: z.string().check(z.minLength(1)),
  displayName: z.optional(z.string()),
  /** Overrides the known or default capabilities, key by key. */
  capabilities: z.optional(capabilitiesSchema),
  fields: z.optional(z.partial(fieldMappingSchema)),
});

const count = (min: number, fallback: number) =>
  z._default(z.int().check(z.minimum(min)), fallback);
const positive = (fallback: number) => z._default(z.int().check(z.positive()), fallback);

export type QueueModelConfig = z.output<typeof modelSchema>;

/**
 * Where status, result and cancel live when a submit response carries no URLs. `{base}` is the
 * base URL, `{model}` the endpoint id, `{id}` the request id.
 */
const pathTemplatesSchema = z.object({
  status: z._default(z.string(), '{base}/{model}/requests/{id}/status'),
  response: z._default(z.string(), '{base}/{model}/requests/{id}'),
  cancel: z._default(z.string(), '{base}/{model}/requests/{id}/cancel'),
});

export const queueConfigSchema = z.object({
  /** fal: `https://queue.fal.run`; retouch-emulator: `${emulator.url}/v1/queue`. */
  baseURL: z.pipe(
    z._default(httpUrl, 'https://queue.fal.run'),
    z.transform((value) => value.replace(/\/+$/, '')),
  ),
  apiKey: z.optional(z.string().check(z.minLength(1))),
  /** `key` sends `Authorization: Key …` (fal); `bearer` sends `Authorization: Bearer …`. */
  authStyle: z._default(z.enum(['key', 'bearer']), 'key'),
  /** Extra headers for every request to the base URL's origin. */
  headers: z._default(z.record(z.string(), z.string()), {}),
  /** Proxy URL; otherwise HTTPS_PROXY / NO_PROXY from the environment. */
  proxy: z.optional(z.string()),
  poll: z.prefault(
    z.object({
      /** The first status check comes this soon after submit. */
      initialMs: count(0, 75),
      /** Once a job has run a little while, it is checked this often (fal's client: 500 ms). */
      intervalMs: count(1, 500),
      /** Long jobs are checked less often, up to this far apart. */
      maxMs: count(1, 1_000),
      /** Checks of a job that runs longer than expected spread out by this factor each time. */
      factor: z._default(z.number().check(z.minimum(1)), 1.5),
      /** Each delay varies by up to this fraction either way. */
      jitter: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.2),
      /**
       * Learn how long each model's jobs run (from the server's `metrics.inference_time`, or as
       * seen), and check a running job when it should be done rather than on the blind schedule.
       */
      learn: z._default(z.boolean(), true),
    }),
    {},
  ),
  /** Follow status as server-sent events from `…/status/stream`, falling back to polling. */
  sse: z._default(z.boolean(), true),
  /** An event stream silent this long is abandoned for polling. fal sends a comment every 15 s. */
  sseInactivityMs: count(1, 30_000),
  /**
   * The header by which the server dedupes submits (`Idempotency-Key` for retouch-emulator), or
   * null when it has none (fal documents none). With it, every submit carries the engine's key,
   * so a submit whose answer was lost is sent again safely and the server keeps one job; without
   * it, the edit stops instead, saying a job may exist.
   */
  idempotencyHeader: z._default(
    z.nullable(z.string().check(z.regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name'))),
    null,
  ),
  /** Ask for runner logs (`?logs=1`) and report new lines as progress. */
  logs: z._default(z.boolean(), true),
  timeouts: z.prefault(
    z.object({
      connectMs: positive(30_000),
      /** Time to the response headers of one request. */
      headersMs: positive(120_000),
      bodyMs: positive(300_000),
      /** How long a cancel request may take before the outcome counts as unknown. */
      cancelMs: positive(10_000),
    }),
    {},
  ),
  /** Largest result image accepted, in bytes. */
  maxResultBytes: positive(64 * 1024 * 1024),
  /**
   * How much of an answer is read before giving up: `imageBytes` per image asked for in a result
   * that carries images inline (default 48 MiB), `documentBytes` for submit and status documents
   * (8 MiB), `errorBytes` (1 MiB).
   */
  responseLimits: z.optional(responseLimitsSchema),
  pathTemplates: z.prefault(pathTemplatesSchema, {}),
  /**
   * Other origins that job URLs may point at and that are trusted with the key. Any other origin
   * in a submit response (or a resumed handle) is refused.
   */
  allowedOrigins: z._default(z.array(origin), []),
  models: z._default(z.array(modelSchema), []),
  /**
   * Sends large inputs elsewhere first (your bucket, fal storage) and puts the returned URL in
   * the request. Without it, inputs travel inline as data URIs.
   */
  upload: z.optional(
    z.custom<UploadHook>((value) => typeof value === 'function', 'must be a function'),
  ),
  /** Inputs smaller than this stay inline even when `upload` is set. */
  uploadMinBytes: count(0, 0),
});

export type QueueConfig = z.output<typeof queueConfigSchema>;
export type QueueConfigInput = z.input<typeof queueConfigSchema>;
