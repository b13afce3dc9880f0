import { errorFromAbortSignal } from '../errors/abort-error.js';
import { isRetouchError } from '../errors/retouch-error.js';
import type { RateLimitInfo } from '../http/rate-limit-headers.js';
import { observeRateLimits } from '../http/rate-limit-scope.js';
import { RequestPace } from './request-pace.js';

/** Longest pause without a `Retry-After`: the backoff doubles from 1 s up to this. */
const maxBackoffMs = 30_000;

/**
 * One gate for every provider call of a batch, so the batch spends the server's rate limit as
 * one budget. Where the server reports its limit (OpenAI's `x-ratelimit-*` headers, on every
 * answer), calls start only as fast as the limit refills (`RequestPace`): the batch runs at the
 * server's rate instead of running into 429s. A server that only answers 429 (with or without a
 * `Retry-After`) pauses every call, not just the one that was told, and halves how many calls may
 * be in flight; each run of successes as long as the current limit adds one back.
 */
export class RateGate {
  private limit: number;
  private active = 0;
  /** Calls started so far: tells an answer which calls left after it was sent. */
  private started = 0;
  private pausedUntil = 0;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = 0;
  private successes = 0;
  private rateLimitStreak = 0;
  private readonly pace = new RequestPace();
  private readonly waiters: Array<() => void> = [];

  constructor(
    private readonly max: number,
    private readonly onPause?: (waitMs: number, limit: number) => void,
  ) {
    this.limit = max;
  }

  /** Calls in flight allowed right now. */
  get currentLimit(): number {
    return this.limit;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const sequence = await this.acquire(signal);
    try {
      const value = await observeRateLimits((info) => this.observe(info, sequence), task);
      this.succeeded();
      return value;
    } catch (error) {
      this.failed(error);
      throw error;
    } finally {
      this.active -= 1;
      this.pump();
    }
  }

  /** Resolves with the call's place in the order of starts, once it may start. */
  private acquire(signal: AbortSignal | undefined): Promise<number> {
    if (this.waiters.length === 0 && this.free()) return Promise.resolve(this.admit());
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(errorFromAbortSignal(signal));
      const onAbort = () => {
        const at = this.waiters.indexOf(wake);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(errorFromAbortSignal(signal!));
      };
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.admit());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(wake);
      this.pump();
    });
  }

  /**
   * Counts a call as started, at once: the budget is spent before anything else may look at it,
   * so calls admitted together cannot all see the same free slot.
   */
  private admit(): number {
    this.active += 1;
    this.pace.take(Date.now());
    return this.started++;
  }

  /** Milliseconds until another call may start (0: now), not counting the in-flight limit. */
  private waitMs(): number {
    const now = Date.now();
    return Math.max(this.pausedUntil - now, this.pace.waitMs(now));
  }

  private free(): boolean {
    return this.active < this.limit && this.waitMs() === 0;
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.free()) this.waiters.shift()!();
    if (this.waiters.length === 0 || this.active >= this.limit) return;
    // Blocked by time alone (a pause, or the limit refilling): wake when that is over.
    const at = Date.now() + Math.max(1, this.waitMs());
    // A pending wake-up at or before `at` will do (it pumps again if it is too early).
    if (this.wakeTimer && this.wakeAt <= at) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = undefined;
        this.pump();
      },
      Math.max(1, at - Date.now()),
    );
    this.wakeTimer.unref?.();
  }

  private observe(info: RateLimitInfo, sequence: number): void {
    this.pace.observe(info, Date.now(), this.started - sequence - 1);
    this.pump();
  }

  private succeeded(): void {
    this.rateLimitStreak = 0;
    this.successes += 1;
    if (this.successes >= this.limit && this.limit < this.max) {
      this.limit += 1;
      this.successes = 0;
    }
  }

  private failed(error: unknown): void {
    if (!isRetouchError(error)) return;
    const limited = error.code === 'rate_limited' || error.status === 429;
    if (!limited && error.retryAfterMs === undefined) return;
    // The server reports its limit: the pace already follows it, and the call that was told to
    // wait waits (the engine's retry); holding up every other call would waste the limit.
    if (limited && this.pace.known) return;
    if (limited) {
      this.rateLimitStreak += 1;
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      this.successes = 0;
    }
    const waitMs =
      error.retryAfterMs ?? Math.min(maxBackoffMs, 1000 * 2 ** (this.rateLimitStreak - 1));
    this.pause(waitMs);
  }

  private pause(waitMs: number): void {
    const until = Date.now() + Math.max(0, waitMs);
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.pump();
    this.onPause?.(waitMs, this.limit);
  }
}
