import { AsyncLocalStorage } from 'node:async_hooks';
import { parseRateLimitHeaders, type RateLimitInfo } from './rate-limit-headers.js';

export type RateLimitObserver = (info: RateLimitInfo) => void;

const scope = new AsyncLocalStorage<RateLimitObserver>();

/**
 * Runs `task` so that every response our HTTP client receives inside it (whatever provider sent
 * the request) reports its rate-limit headers to `observer`: how a batch paces itself from what
 * the server says, without each provider having to pass headers up.
 */
export function observeRateLimits<T>(
  observer: RateLimitObserver,
  task: () => Promise<T>,
): Promise<T> {
  return scope.run(observer, task);
}

/** Called by the HTTP client for each response. */
export function reportRateLimits(headers: Headers): void {
  const observer = scope.getStore();
  if (!observer) return;
  const info = parseRateLimitHeaders(headers);
  if (info) observer(info);
}
