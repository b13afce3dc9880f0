import type { HostileBehaviour } from './hostile-server.js';

export interface TokenBucketOptions {
  /** Requests regained per second. */
  perSecond: number;
  /** Requests that may come at once (the bucket's size). */
  burst: number;
  /** `Retry-After` on a 429, in whole seconds. Default 1. */
  retryAfterSeconds?: number;
  /** What an admitted request gets. */
  answer: HostileBehaviour;
}

export interface TokenBucketStats {
  admitted: number;
  limited: number;
  /** When the first request came and the last admitted one was answered (ms, `performance.now()`). */
  firstAt?: number;
  lastAnsweredAt?: number;
}

/**
 * A rate-limited route as OpenAI runs one: a token bucket (`burst` at once, `perSecond` after),
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` on every answer (reset: until the bucket
 * is full again, written as `200ms` or `1.4s`), and a 429 with `Retry-After` when it is empty. For
 * tests and benchmarks of how a client paces itself; `stats` says how it went.
 */
export function tokenBucket(options: TokenBucketOptions): HostileBehaviour & {
  stats: TokenBucketStats;
  /** The least time `requests` requests can take through this bucket, in ms. */
  floorMs(requests: number): number;
} {
  const stats: TokenBucketStats = { admitted: 0, limited: 0 };
  let tokens = options.burst;
  let at = performance.now();
  const behaviour: HostileBehaviour = async (exchange) => {
    const now = performance.now();
    stats.firstAt ??= now;
    tokens = Math.min(options.burst, tokens + ((now - at) / 1000) * options.perSecond);
    at = now;
    const admitted = tokens >= 1;
    if (admitted) tokens -= 1;
    const untilFull = ((options.burst - tokens) / options.perSecond) * 1000;
    const headers: Record<string, string> = {
      'x-ratelimit-limit-requests': String(options.burst),
      'x-ratelimit-remaining-requests': String(Math.floor(tokens)),
      'x-ratelimit-reset-requests': duration(untilFull),
      'x-ratelimit-limit-tokens': '1000000',
      'x-ratelimit-remaining-tokens': '999000',
      'x-ratelimit-reset-tokens': '60ms',
    };
    for (const [name, value] of Object.entries(headers)) exchange.response.setHeader(name, value);
    if (!admitted) {
      stats.limited += 1;
      exchange.response.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(options.retryAfterSeconds ?? 1),
      });
      exchange.response.end(
        JSON.stringify({
          error: {
            message: `Rate limit reached for requests: limit ${options.burst}, ${options.perSecond}/s.`,
            type: 'requests',
            code: 'rate_limit_exceeded',
            param: null,
          },
        }),
      );
      return;
    }
    stats.admitted += 1;
    await options.answer(exchange);
    stats.lastAnsweredAt = performance.now();
  };
  return Object.assign(behaviour, {
    stats,
    floorMs: (requests: number) =>
      (Math.max(0, requests - options.burst) / options.perSecond) * 1000,
  });
}

/** As OpenAI writes it: `12ms`, `1.4s`. */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.ceil(ms)}ms` : `${Number((ms / 1000).toFixed(3))}s`;
}
