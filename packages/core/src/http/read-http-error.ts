import { isRetouchError, RetouchError, type RetouchErrorCode } from '../errors/retouch-error.js';
import { sanitizeServerText } from '../text/sanitize-server-text.js';
import type { HttpResponse } from './http-response.js';
import { parseRetryAfter } from './rate-limit-headers.js';
import { redactSecrets } from './redact.js';

/** What a provider's error envelope says, in a shape every provider can fill. */
export interface ErrorBodyDetail {
  message?: string;
  code?: string;
  type?: string;
  param?: string;
}

export interface ReadHttpErrorOptions {
  provider: string;
  /** The provider's own envelope; when it returns undefined the common shapes are tried. */
  parseBody?: (json: unknown, text: string) => ErrorBodyDetail | undefined;
  secrets?: readonly string[];
}

const maxQuotedLength = 300;
const contentPolicyMarkers = ['moderation_blocked', 'content_policy', 'content_filter', 'safety'];

/**
 * Reads a non-2xx response and explains it as a RetouchError: the code and retryability follow
 * from the status and the body, the message quotes the server (redacted) and says what to do next.
 */
export async function readHttpError(
  response: HttpResponse,
  options: ReadHttpErrorOptions,
): Promise<RetouchError> {
  const { provider } = options;
  const secrets = options.secrets ?? [];
  // A body that fails to arrive must not hide the status, which already says most of it,
  // unless the caller cancelled: then the cancellation is the answer.
  // Capped at the client's `errorBytes`: only the start is quoted, and a body too large to read
  // leaves the status to speak for itself.
  const text = await response.text({ error: true }).catch((error: unknown) => {
    if (isRetouchError(error) && error.code === 'cancelled') throw error;
    return '';
  });
  const json = parseJson(text);
  const detail =
    (json === undefined ? undefined : options.parseBody?.(json, text)) ?? commonErrorDetail(json);

  let code = errorCodeForStatus(response.status);
  let retryable = retryableStatus(response.status);
  const bodyCode = [detail?.code, detail?.type].filter((value) => value !== undefined).join(' ');
  if (contentPolicyMarkers.some((marker) => bodyCode.includes(marker))) {
    code = 'content_policy';
    retryable = false;
  }
  const outOfQuota = bodyCode.includes('insufficient_quota');
  if (outOfQuota) {
    code = 'rate_limited';
    retryable = false;
  }

  const serverMessage = detail?.message ?? (looksLikeMarkup(text) ? undefined : text.trim());
  const quoted = serverMessage ? quote(serverText(serverMessage, secrets)) : undefined;
  const label = detail?.code ?? detail?.type;
  const message = [
    `${provider} returned HTTP ${response.status}${label ? ` (${serverText(label, secrets)})` : ''}${quoted ? `: ${quoted}` : '.'}`,
    detail?.param
      ? `The problem is with the parameter "${serverText(detail.param, secrets)}".`
      : undefined,
    outOfQuota
      ? 'The account is out of quota: check your plan and billing details.'
      : nextStep(code, provider),
  ]
    .filter((part) => part !== undefined)
    .join(' ');

  return new RetouchError({
    code,
    message,
    retryable,
    status: response.status,
    requestId: response.requestId,
    provider,
    retryAfterMs: parseRetryAfter(response.headers),
    ...(serverMessage
      ? { serverMessage: serverText(serverMessage, secrets).replace(/\s+/g, ' ').trim() }
      : {}),
  });
}

export function errorCodeForStatus(status: number): RetouchErrorCode {
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'server';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'invalid_request';
  return 'invalid_response';
}

function retryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** OpenAI `{error:{message,code,type,param}}`, `{error:"…"}`, `{message}`, FastAPI `{detail}`. */
function commonErrorDetail(json: unknown): ErrorBodyDetail | undefined {
  if (!isRecord(json)) return undefined;
  const error = json.error;
  if (isRecord(error)) return pickDetail(error);
  if (typeof error === 'string') return { ...pickDetail(json), message: error };
  const detail = json.detail;
  if (typeof detail === 'string') return { ...pickDetail(json), message: detail };
  if (Array.isArray(detail)) {
    const messages = detail.map((item) =>
      isRecord(item) && typeof item.msg === 'string' ? item.msg : undefined,
    );
    const first = detail[0];
    const location = isRecord(first) && Array.isArray(first.loc) ? first.loc.join('.') : undefined;
    return {
      ...pickDetail(json),
      message: messages.filter((item) => item !== undefined).join('; ') || undefined,
      param: location,
    };
  }
  const picked = pickDetail(json);
  return Object.values(picked).some((value) => value !== undefined) ? picked : undefined;
}

function pickDetail(record: Record<string, unknown>): ErrorBodyDetail {
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== ''
      ? value
      : typeof value === 'number'
        ? String(value)
        : undefined;
  return {
    message: text(record.message),
    code: text(record.code),
    type: text(record.type),
    param: text(record.param),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeMarkup(text: string): boolean {
  return text.trimStart().startsWith('<');
}

/** Server text in a message: no secret, and nothing that could drive a terminal. */
function serverText(text: string, secrets: readonly string[]): string {
  return sanitizeServerText(redactSecrets(text, secrets), { singleLine: true });
}

function quote(text: string): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return `"${single.length > maxQuotedLength ? `${single.slice(0, maxQuotedLength)}…` : single}"`;
}

function nextStep(code: RetouchErrorCode, provider: string): string {
  switch (code) {
    case 'invalid_request':
      return 'Check the request options against what the model supports.';
    case 'authentication':
      return `Check the API key for ${provider}.`;
    case 'permission':
      return 'Check that the key has access to this model or project.';
    case 'not_found':
      return 'Check the base URL and the model name.';
    case 'rate_limited':
      return 'Wait a moment and try again, or run fewer edits at once.';
    case 'content_policy':
      return 'Rephrase the prompt or use a different image.';
    case 'payload_too_large':
      return 'Use smaller or fewer images, or compress them.';
    case 'timeout':
      return 'The server gave up waiting; try again.';
    case 'server':
      return `${provider} had a problem on its side; try again in a moment.`;
    default:
      return 'The server answered in a way Retouch does not understand; check the base URL.';
  }
}
