import {
  httpUrlSchema,
  type ImageFile,
  modelCapabilitiesSchema,
  responseLimitsSchema,
} from '@retouch/core';
import { z } from 'zod';
import { fieldMappingSchema } from './field-mapping.js';

/** Sends one input image somewhere the queue server can fetch it, and returns that URL. */
export type UploadHook = (file: ImageFile, signal: AbortSignal) => Promise<string>;

const httpUrl = httpUrlSchema;

const origin = httpUrl.transform((value) => new URL(value).origin);

/** Overrides of the known or default capabilities, key by key. */
const capabilitiesSchema = modelCapabilitiesSchema.partial();

const modelSchema = z.object({
  /** Endpoint id as it appears in the submit URL, e.g. `fal-ai/flux-pro/kontext`. */
  id: z.string().min(1),
  displayName: z.string().optional(),
  /** Overrides the known or default capabilities, key by key. */
  capabilities: capabilitiesSchema.optional(),
  fields: fieldMappingSchema.partial().optional(),
});

export type QueueModelConfig = z.output<typeof modelSchema>;

/**
 * Where status, result and cancel live when a submit response carries no URLs. `{base}` is the
 * base URL, `{model}` the endpoint id, `{id}` the request id.
 */
const pathTemplatesSchema = z.object({
  status: z.string().default('{base}/{model}/requests/{id}/status'),
  response: z.string().default('{base}/{model}/requests/{id}'),
  cancel: z.string().default('{base}/{model}/requests/{id}/cancel'),
});

export const queueConfigSchema = z.object({
  /** fal: `https://queue.fal.run`; retouch-emulator: `${emulator.url}/v1/queue`. */
  baseURL: httpUrl.default('https://queue.fal.run').transform((value) => value.replace(/\/+$/, '')),
  apiKey: z.string().min(1).optional(),
  /** `key` sends `Authorization: Key …` (fal); `bearer` sends `Authorization: Bearer …`. */
  authStyle: z.enum(['key', 'bearer']).default('key'),
  /** Extra headers for every request to the base URL's origin. */
  headers: z.record(z.string(), z.string()).default({}),
  /** Proxy URL; otherwise HTTPS_PROXY / NO_PROXY from the environment. */
  proxy: z.string().optional(),
  poll: z
    .object({
      /** The first status check comes this soon after submit. */
      initialMs: z.number().int().min(0).default(75),
      /** Once a job has run a little while, it is checked this often (fal's client: 500 ms). */
      intervalMs: z.number().int().min(1).default(500),
      /** Long jobs are checked less often, up to this far apart. */
      maxMs: z.number().int().min(1).default(1_000),
      /** Checks of a job that runs longer than expected spread out by this factor each time. */
      factor: z.number().min(1).default(1.5),
      /** Each delay varies by up to this fraction either way. */
      jitter: z.number().min(0).max(1).default(0.2),
      /**
       * Learn how long each model's jobs run (from the server's `metrics.inference_time`, or as
       * seen), and check a running job when it should be done rather than on the blind schedule.
       */
      learn: z.boolean().default(true),
    })
    .prefault({}),
  /** Follow status as server-sent events from `…/status/stream`, falling back to polling. */
  sse: z.boolean().default(true),
  /** An event stream silent this long is abandoned for polling. fal sends a comment every 15 s. */
  sseInactivityMs: z.number().int().min(1).default(30_000),
  /**
   * The header by which the server dedupes submits (`Idempotency-Key` for retouch-emulator), or
   * null when it has none (fal documents none). With it, every submit carries the engine's key,
   * so a submit whose answer was lost is sent again safely and the server keeps one job; without
   * it, the edit stops instead, saying a job may exist.
   */
  idempotencyHeader: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name')
    .nullable()
    .default(null),
  /** Ask for runner logs (`?logs=1`) and report new lines as progress. */
  logs: z.boolean().default(true),
  timeouts: z
    .object({
      connectMs: z.number().int().positive().default(30_000),
      /** Time to the response headers of one request. */
      headersMs: z.number().int().positive().default(120_000),
      bodyMs: z.number().int().positive().default(300_000),
      /** How long a cancel request may take before the outcome counts as unknown. */
      cancelMs: z.number().int().positive().default(10_000),
    })
    .prefault({}),
  /** Largest result image accepted, in bytes. */
  maxResultBytes: z
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  /**
   * How much of an answer is read before giving up: `imageBytes` per image asked for in a result
   * that carries images inline (default 48 MiB), `documentBytes` for submit and status documents
   * (8 MiB), `errorBytes` (1 MiB).
   */
  responseLimits: responseLimitsSchema.optional(),
  pathTemplates: pathTemplatesSchema.prefault({}),
  /**
   * Other origins that job URLs may point at and that are trusted with the key. Any other origin
   * in a submit response (or a resumed handle) is refused.
   */
  allowedOrigins: z.array(origin).default([]),
  models: z.array(modelSchema).default([]),
  /**
   * Sends large inputs elsewhere first (your bucket, fal storage) and puts the returned URL in
   * the request. Without it, inputs travel inline as data URIs.
   */
  upload: z
    .custom<UploadHook>((value) => typeof value === 'function', 'must be a function')
    .optional(),
  /** Inputs smaller than this stay inline even when `upload` is set. */
  uploadMinBytes: z.number().int().min(0).default(0),
});

export type QueueConfig = z.output<typeof queueConfigSchema>;
export type QueueConfigInput = z.input<typeof queueConfigSchema>;
