import { RetouchError } from '../errors/retouch-error.js';
import { formatBytes } from './format-bytes.js';

/**
 * How much of a server's answer Retouch reads before it gives up, per kind of answer. A server is
 * untrusted: without a cap, one that never stops sending exhausts memory.
 */
export interface ResponseLimits {
  /**
   * Per image in an answer that carries images inline (an edit response with `b64_json`, a queue
   * result, one streamed image event), on top of `documentBytes`. Default 48 MiB: the base64 of
   * an incompressible 3840×2160 RGBA PNG is 42.3 MiB.
   */
  imageBytes: number;
  /** An answer that carries no image: a queue submit or status document. Default 8 MiB. */
  documentBytes: number;
  /** An error answer's body, read only to quote its message. Default 1 MiB. */
  errorBytes: number;
}

export const defaultResponseLimits: Readonly<ResponseLimits> = Object.freeze({
  imageBytes: 48 * 1024 * 1024,
  documentBytes: 8 * 1024 * 1024,
  errorBytes: 1024 * 1024,
});

/**
 * Which limit one read falls under. Without options a read may carry one image, so a plugin that
 * reads an image-bearing answer with plain `json()` keeps working; callers that know better say so.
 */
export interface ReadLimitOptions {
  /**
   * How many images the answer may carry inline: the edit call's `n`. The limit is then
   * `imageBytes × images + documentBytes`. `0` is a document without images (`documentBytes`).
   * Default 1.
   */
  images?: number;
  /** An error answer: capped at `errorBytes`. */
  error?: boolean;
  /** A cap in bytes for this read, instead of the one the options above pick. */
  maxBytes?: number;
}

export interface ResolvedLimit {
  maxBytes: number;
  /** Says what the limit is made of and which setting raises it, for the error message. */
  explanation: string;
}

/** The provider configuration key that holds `ResponseLimits`, named in error messages. */
export const responseLimitsSetting = 'responseLimits';

export function resolveLimit(
  limits: ResponseLimits,
  options: ReadLimitOptions = {},
): ResolvedLimit {
  if (options.maxBytes !== undefined) {
    return { maxBytes: options.maxBytes, explanation: 'the limit set for this read' };
  }
  if (options.error) {
    return {
      maxBytes: limits.errorBytes,
      explanation: `the limit for an error answer (${responseLimitsSetting}.errorBytes)`,
    };
  }
  const images = Math.max(0, Math.floor(options.images ?? 1));
  if (images === 0) {
    return {
      maxBytes: limits.documentBytes,
      explanation: `the limit for an answer without images (${responseLimitsSetting}.documentBytes); raise it in the provider's configuration if the server is right to send that much`,
    };
  }
  return {
    maxBytes: limits.imageBytes * images + limits.documentBytes,
    explanation: `the limit for an answer carrying ${images} image${images === 1 ? '' : 's'} (${responseLimitsSetting}.imageBytes ${formatBytes(limits.imageBytes)} per image + ${responseLimitsSetting}.documentBytes ${formatBytes(limits.documentBytes)}); raise ${responseLimitsSetting}.imageBytes in the provider's configuration if the server is right to send that much`,
  };
}

export function withDefaultLimits(
  limits: Partial<ResponseLimits> | undefined,
  provider: string,
): ResponseLimits {
  const merged = { ...defaultResponseLimits };
  for (const key of Object.keys(merged) as (keyof ResponseLimits)[]) {
    const value = limits?.[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) {
      throw new RetouchError({
        code: 'invalid_request',
        provider,
        retryable: false,
        message: `${responseLimitsSetting}.${key} for ${provider} is ${String(value)}; it must be a positive number of bytes, e.g. ${64 * 1024 * 1024}.`,
        issues: [
          { field: `${responseLimitsSetting}.${key}`, message: 'must be a positive number' },
        ],
      });
    }
    merged[key] = value;
  }
  return merged;
}

export interface TooLargeContext {
  provider: string;
  /** e.g. "an answer", "one server-sent event". */
  what: string;
  limit: ResolvedLimit;
  status?: number;
  requestId?: string;
  /** True when the server announced the size up front (nothing was read). */
  declared?: boolean;
}

/**
 * Not retryable: a server that sends too much will most likely do it again, and retrying an edit
 * pays for it again. `invalid_response`, not `payload_too_large`, which means *our* request was
 * too large for the server.
 */
export function responseTooLargeError(context: TooLargeContext): RetouchError {
  const how = context.declared ? 'announced' : 'sent';
  return new RetouchError({
    code: 'invalid_response',
    retryable: false,
    provider: context.provider,
    status: context.status,
    requestId: context.requestId,
    message: `${context.provider} ${how} ${context.what} larger than ${formatBytes(context.limit.maxBytes)}, ${context.limit.explanation}.`,
  });
}
