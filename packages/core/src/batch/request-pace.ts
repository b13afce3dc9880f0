import type { RateLimitInfo } from '../http/rate-limit-headers.js';

/**
 * The server's request budget as its last answer described it (OpenAI's `x-ratelimit-*`):
 * `remaining` calls now, refilling evenly to `limit` by `reset`. This is exact for a token bucket
 * and errs on the safe side for it (the server rounds `remaining` down, and the answer was
 * written before it reached us); a fixed window refills later than modelled, which costs a 429
 * and a `Retry-After` wait, not a failure. Calls sent after the answered one (the server had not
 * counted them yet) and calls started since are taken off the budget.
 */
export class RequestPace {
  private tokens = 0;
  private at = 0;
  /** Calls regained per millisecond; undefined when the server did not say its limit. */
  private perMs: number | undefined;
  private cap = Number.POSITIVE_INFINITY;
  /** Without a limit to refill to: nothing starts before this, then the budget is unknown again. */
  private resetAt = 0;
  /** Set by a reported limit on tokens that is used up: nothing starts before this. */
  private tokensBackAt = 0;
  private modelled = false;

  /** Whether the server has reported a request budget that calls are paced by. */
  get known(): boolean {
    return this.modelled;
  }

  /**
   * An answer's rate-limit headers, seen at `now`; `sentSince`: calls started after the one
   * answered (already on their way, not yet counted by the server when it answered).
   */
  observe(info: RateLimitInfo, now: number, sentSince: number): void {
    const tokenWindow = info.tokens;
    if (tokenWindow?.remaining === 0 && tokenWindow.resetMs !== undefined) {
      this.tokensBackAt = Math.max(this.tokensBackAt, now + tokenWindow.resetMs);
    }
    const window = info.requests;
    if (window?.remaining === undefined) return;
    this.modelled = true;
    this.tokens = window.remaining - sentSince;
    this.at = now;
    const { limit, resetMs } = window;
    if (limit !== undefined && resetMs !== undefined && resetMs > 0 && limit > window.remaining) {
      this.perMs = (limit - window.remaining) / resetMs;
      this.cap = limit;
      this.resetAt = 0;
    } else if (limit !== undefined && limit <= window.remaining) {
      this.perMs = undefined;
      this.cap = limit;
      this.resetAt = 0;
    } else {
      this.perMs = undefined;
      this.cap = Number.POSITIVE_INFINITY;
      this.resetAt = resetMs === undefined ? 0 : now + resetMs;
    }
  }

  /** A call starts at `now`: it spends one from the budget. */
  take(now: number): void {
    if (!this.modelled) return;
    this.tokens = this.level(now) - 1;
    this.at = now;
  }

  /** Milliseconds until a call may start (0: now). */
  waitMs(now: number): number {
    const tokensWait = Math.max(0, this.tokensBackAt - now);
    if (!this.modelled) return tokensWait;
    const level = this.level(now);
    if (level >= 1) return tokensWait;
    if (this.perMs !== undefined) return Math.max(tokensWait, Math.ceil((1 - level) / this.perMs));
    if (this.resetAt > now) return Math.max(tokensWait, this.resetAt - now);
    if (this.resetAt !== 0) {
      // The window has reset and no answer said how full it is: unknown again.
      this.modelled = false;
      return tokensWait;
    }
    return tokensWait;
  }

  private level(now: number): number {
    if (this.perMs === undefined) return this.tokens;
    return Math.min(this.cap, this.tokens + (now - this.at) * this.perMs);
  }
}
