/** One limit as a server reports it: how many calls (or tokens) are left, and when it is full again. */
export interface RateLimitWindow {
  limit?: number;
  remaining?: number;
  /** Until the limit is back to its full value, in milliseconds. */
  resetMs?: number;
}

/** What a response says about the caller's rate limits (OpenAI's `x-ratelimit-*`, `Retry-After`). */
export interface RateLimitInfo {
  /** `retry-after-ms`, else `retry-after` (seconds or an HTTP date). */
  retryAfterMs?: number;
  requests?: RateLimitWindow;
  tokens?: RateLimitWindow;
}

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration as OpenAI writes it in `x-ratelimit-reset-*`: `12ms`, `6s`, `1m30s`, `1h2m3.5s`, or a
 * bare number of seconds. Undefined for anything else.
 */
export function parseRateLimitDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(value)) return undefined;
  let total = 0;
  for (const [, amount, , unit] of value.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(amount) * units[unit!]!;
  }
  return Math.round(total);
}

function count(headers: Headers, name: string): number | undefined {
  const value = headers.get(name)?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

function windowOf(headers: Headers, kind: 'requests' | 'tokens'): RateLimitWindow | undefined {
  const limit = count(headers, `x-ratelimit-limit-${kind}`);
  const remaining = count(headers, `x-ratelimit-remaining-${kind}`);
  const reset = headers.get(`x-ratelimit-reset-${kind}`);
  const resetMs = reset === null ? undefined : parseRateLimitDuration(reset);
  if (limit === undefined && remaining === undefined && resetMs === undefined) return undefined;
  return {
    ...(limit === undefined ? {} : { limit }),
    ...(remaining === undefined ? {} : { remaining }),
    ...(resetMs === undefined ? {} : { resetMs }),
  };
}

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms` (OpenAI), then
 * `retry-after` as seconds or as an HTTP date.
 */
export function parseRetryAfter(headers: Headers): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && /^\s*\d+(\.\d+)?\s*$/.test(milliseconds))
    return Math.round(Number(milliseconds));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - Date.now());
}

/** The rate-limit headers of a response, or undefined when it has none. */
export function parseRateLimitHeaders(headers: Headers): RateLimitInfo | undefined {
  const retryAfterMs = parseRetryAfter(headers);
  const requests = windowOf(headers, 'requests');
  const tokens = windowOf(headers, 'tokens');
  if (retryAfterMs === undefined && !requests && !tokens) return undefined;
  return {
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(requests ? { requests } : {}),
    ...(tokens ? { tokens } : {}),
  };
}
