import type { JobHandle } from '../contract/job-handle.js';
import type { CancelOutcome } from '../contract/provider.js';

export const retouchErrorCodes = [
  'invalid_request',
  'authentication',
  'permission',
  'not_found',
  'rate_limited',
  'content_policy',
  'payload_too_large',
  'timeout',
  'cancelled',
  'network',
  'server',
  'invalid_response',
  'output',
] as const;

export type RetouchErrorCode = (typeof retouchErrorCodes)[number];

/**
 * Whether a request that failed without an answer reached the server. `not-sent`: it certainly
 * did not (connection refused, host not found, connect timeout, TLS refused), so sending it again
 * is safe. `unknown`: it was sent, or partly sent, and no complete answer came back (the connection
 * dropped, or time ran out), so the server may have acted on it.
 */
export type RequestDelivery = 'not-sent' | 'unknown';

/** What an abort's cancel request did to one long job on the server. */
export interface JobCancellation {
  outcome: CancelOutcome;
  /**
   * The job, when it may still finish (`too-late`, `unknown`): pass it to `resumeEdit()` to keep
   * following it and save its result.
   */
  handle?: JobHandle;
}

/**
 * What an error is about when its code alone does not say, so an app can offer the right next
 * step without reading the message: the provider's configuration (its settings), the folder
 * results go to, or an API key that is needed and not set.
 */
export type RetouchErrorOrigin = 'configuration' | 'output-folder' | 'missing-key';

/** One problem with a request, named by the field it concerns. */
export interface RequestIssue {
  field: string;
  message: string;
}

export interface RetouchErrorOptions {
  code: RetouchErrorCode;
  message: string;
  retryable?: boolean;
  status?: number;
  requestId?: string;
  provider?: string;
  /** Server-suggested wait before retrying, in milliseconds. */
  retryAfterMs?: number;
  issues?: readonly RequestIssue[];
  delivery?: RequestDelivery;
  cancellations?: readonly JobCancellation[];
  origin?: RetouchErrorOrigin;
  /** What the server said, as a short plain sentence when it sent one (sanitized, no secrets). */
  serverMessage?: string;
  cause?: unknown;
}

const errorMarker = Symbol.for('@retouch/core/error');

const retryableByDefault: ReadonlySet<RetouchErrorCode> = new Set([
  'rate_limited',
  'timeout',
  'network',
  'server',
]);

/**
 * The only error type Retouch throws. `code` is stable and meant for programs; `message` is meant
 * for people and says what to do next. Neither ever holds a secret.
 */
export class RetouchError extends Error {
  readonly code: RetouchErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly provider: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly issues: readonly RequestIssue[];
  /** Set when a request failed without an answer: whether the server may have received it. */
  readonly delivery: RequestDelivery | undefined;
  /** One entry per long job the edit cancelled on its way out (abort or time-out); else empty. */
  readonly cancellations: readonly JobCancellation[];
  readonly origin: RetouchErrorOrigin | undefined;
  readonly serverMessage: string | undefined;

  constructor(options: RetouchErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RetouchError';
    this.code = options.code;
    this.retryable = options.retryable ?? retryableByDefault.has(options.code);
    this.status = options.status;
    this.requestId = options.requestId;
    this.provider = options.provider;
    this.retryAfterMs = options.retryAfterMs;
    this.issues = options.issues ?? [];
    this.delivery = options.delivery;
    this.cancellations = options.cancellations ?? [];
    this.origin = options.origin;
    this.serverMessage = options.serverMessage;
    Object.defineProperty(this, errorMarker, { value: true });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      status: this.status,
      requestId: this.requestId,
      provider: this.provider,
      issues: this.issues.length > 0 ? this.issues : undefined,
      delivery: this.delivery,
      cancellations: this.cancellations.length > 0 ? this.cancellations : undefined,
      origin: this.origin,
    };
  }
}

/** Works across duplicate installs of @retouch/core, where `instanceof` would not. */
export function isRetouchError(value: unknown): value is RetouchError {
  return typeof value === 'object' && value !== null && errorMarker in value;
}

/**
 * A copy of `error` with some options changed, e.g. a request id learned later or a message with
 * more to say. Every other field, `cause` included, carries over.
 */
export function retouchErrorWith(
  error: RetouchError,
  changes: Partial<RetouchErrorOptions>,
): RetouchError {
  return new RetouchError({
    code: error.code,
    message: error.message,
    retryable: error.retryable,
    status: error.status,
    requestId: error.requestId,
    provider: error.provider,
    retryAfterMs: error.retryAfterMs,
    issues: error.issues,
    delivery: error.delivery,
    cancellations: error.cancellations,
    origin: error.origin,
    serverMessage: error.serverMessage,
    cause: error.cause,
    ...changes,
  });
}
