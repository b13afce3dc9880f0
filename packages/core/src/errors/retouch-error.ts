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
    };
  }
}

/** Works across duplicate installs of @retouch/core, where `instanceof` would not. */
export function isRetouchError(value: unknown): value is RetouchError {
  return typeof value === 'object' && value !== null && errorMarker in value;
}
