import type { ErrorBodyDetail } from '@retouch/core/http';
import { redactSecrets } from '@retouch/core/http';
import { RetouchError, type RetouchErrorCode } from '@retouch/core/provider';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The error shapes queue servers use: fal's `{detail: "…"}` and pydantic's
 * `{detail: [{loc, msg, type}]}`, OpenAI's `{error: {message, code, type, param}}`, and plain
 * `{error: "…"}` / `{message: "…"}`.
 */
export function parseQueueErrorBody(json: unknown): ErrorBodyDetail | undefined {
  if (!isObject(json)) return undefined;
  const { detail, error, message } = json;
  if (typeof detail === 'string') return { message: detail };
  if (Array.isArray(detail) && detail.length > 0) {
    const parts = detail.filter(isObject).map((item) => {
      const loc = Array.isArray(item.loc) ? item.loc.filter((p) => p !== 'body').join('.') : '';
      return { loc, msg: typeof item.msg === 'string' ? item.msg : JSON.stringify(item) };
    });
    const first = parts[0];
    return {
      message: parts.map((p) => (p.loc ? `${p.loc}: ${p.msg}` : p.msg)).join('; '),
      ...(first?.loc ? { param: first.loc } : {}),
      ...(isObject(detail[0]) && typeof detail[0].type === 'string'
        ? { type: detail[0].type }
        : {}),
    };
  }
  if (isObject(error)) {
    const pick = (key: string) =>
      typeof error[key] === 'string' ? (error[key] as string) : undefined;
    return stripUndefined({
      message: pick('message'),
      code: pick('code'),
      type: pick('type'),
      param: pick('param'),
    });
  }
  if (typeof error === 'string') {
    const type = typeof json.error_type === 'string' ? json.error_type : undefined;
    return stripUndefined({ message: error, type });
  }
  if (typeof message === 'string') return { message };
  return undefined;
}

function stripUndefined(detail: ErrorBodyDetail): ErrorBodyDetail {
  return Object.fromEntries(
    Object.entries(detail).filter(([, value]) => value !== undefined),
  ) as ErrorBodyDetail;
}

const contentPolicyPattern = /content.?polic|moderation|nsfw|safety|content_filter/i;
const invalidInputPattern = /validation|invalid|unprocessable|not supported|unsupported/i;

/**
 * The error for a job the server ran and reported as failed. It is not retryable: resubmitting
 * would start (and bill) a new job, which is the user's call, not ours.
 */
export function jobFailedError(options: {
  provider: string;
  requestId: string;
  detail: ErrorBodyDetail | undefined;
  status?: number;
  secrets: readonly string[];
}): RetouchError {
  const { detail } = options;
  const serverMessage = redactSecrets(
    (detail?.message ?? 'no reason given').slice(0, 300),
    options.secrets,
  );
  const kind = [detail?.code, detail?.type, serverMessage].filter(Boolean).join(' ');
  let code: RetouchErrorCode = 'server';
  let next = 'Try again later; if it keeps failing, try another model or input.';
  if (/cancel/i.test(kind)) {
    code = 'cancelled';
    next = 'Start the edit again if you still want it.';
  } else if (contentPolicyPattern.test(kind)) {
    code = 'content_policy';
    next = 'Change the prompt or the images and try again.';
  } else if (options.status === 400 || options.status === 422 || invalidInputPattern.test(kind)) {
    code = 'invalid_request';
    next = 'Check the images and options this model accepts, then try again.';
  }
  return new RetouchError({
    code,
    provider: options.provider,
    requestId: options.requestId,
    status: options.status,
    retryable: false,
    message: `The queue job ${options.requestId} failed on the server: "${serverMessage}". ${next}`,
  });
}
