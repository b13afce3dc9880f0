import { errorFromAbortSignal } from '../errors/abort-error.js';
import { isRetouchError, RetouchError } from '../errors/retouch-error.js';
import { redactSecrets, redactUrl } from './redact.js';

export interface TransportErrorContext {
  provider: string;
  url: string;
  /** Whether the response headers had already arrived, i.e. the body was being read. */
  phase: 'request' | 'body';
  signal: AbortSignal | undefined;
  secrets: readonly string[];
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const programmingErrorCodes = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ERR_INVALID_URL',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_CHAR',
]);
/**
 * Failures before a connection carried any byte of the request: DNS, refused or unreachable
 * connects, a connect time-out, a refused TLS handshake. Anything later (a reset, a close, a
 * time-out waiting for the answer) may come after the server received the request.
 */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Turns whatever undici or the socket threw into a RetouchError. An abort wins over everything:
 * once the caller's signal has fired, the caller's reason is the truth, whatever undici says.
 */
export function transportError(error: unknown, context: TransportErrorContext): RetouchError {
  if (context.signal?.aborted) return errorFromAbortSignal(context.signal, context.provider);
  if (isRetouchError(error)) return error;

  const code = errorCode(error);
  const where = redactSecrets(redactUrl(originOf(context.url)), context.secrets).replace(/\/$/, '');
  const detail = redactSecrets(describeCode(code) ?? messageOf(error), context.secrets);
  const cause = sanitizedCause(error, context.secrets);
  const delivery = context.phase === 'request' && isNotSent(code) ? 'not-sent' : 'unknown';
  const base = { provider: context.provider, cause, delivery } as const;

  if (code !== undefined && timeoutCodes.has(code)) {
    const message =
      code === 'UND_ERR_HEADERS_TIMEOUT'
        ? `${context.provider} at ${where} did not start responding within ${seconds(context.headersTimeoutMs)}. The server may be overloaded; try again, or allow a longer timeout.`
        : `${context.provider} at ${where} stopped sending its response for ${seconds(context.bodyTimeoutMs)}. Try again, or allow a longer timeout.`;
    return new RetouchError({ ...base, code: 'timeout', retryable: true, message });
  }
  if (code !== undefined && programmingErrorCodes.has(code)) {
    return new RetouchError({
      ...base,
      delivery: undefined,
      code: 'invalid_request',
      retryable: false,
      message: `The request to ${context.provider} at ${where} could not be sent (${detail}). Check the base URL and the configured headers.`,
    });
  }
  const message =
    context.phase === 'body'
      ? `The connection to ${context.provider} at ${where} dropped before the response was complete (${detail}). Try again.`
      : `Could not reach ${context.provider} at ${where} (${detail}). Check the base URL, your network connection and proxy settings, then try again.`;
  return new RetouchError({ ...base, code: 'network', retryable: true, message });
}

function isNotSent(code: string | undefined): boolean {
  return code !== undefined && (notSentCodes.has(code) || /CERT|SSL|TLS/.test(code));
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== 'UND_ERR') return code;
  // Happy-eyeballs connection failures arrive as an AggregateError of per-address errors.
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) return errorCode(inner[0]);
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? undefined : errorCode(cause);
}

const codeDescriptions: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CLOSED: 'the connection was closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the response was shorter than announced',
  UND_ERR_HTTP_PARSER: 'malformed HTTP response',
  UND_ERR_ABORTED: 'request aborted',
};

function describeCode(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (/CERT|SSL|TLS/.test(code)) return `TLS certificate problem, ${code}`;
  const description = codeDescriptions[code];
  return description === undefined ? code : `${description}, ${code}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Keeps the diagnostic (name, code, message) without any object that might hold headers. */
function sanitizedCause(error: unknown, secrets: readonly string[]): Error {
  const cause = new Error(redactSecrets(messageOf(error), secrets));
  cause.name = error instanceof Error ? error.name : 'Error';
  const code = errorCode(error);
  if (code !== undefined) Object.assign(cause, { code });
  return cause;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function seconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}
