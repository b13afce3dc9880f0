import { errorFromAbortSignal } from '../errors/abort-error.js';
import { isRetouchError } from '../errors/retouch-error.js';

/** Longest pause without a `Retry-After`: the backoff doubles from 1 s up to this. */
const maxBackoffMs = 30_000;

/**
 * One gate for every provider call of a batch. A server's `Retry-After` (or a 429 without one)
 * pauses every call, not just the one that was told, and a 429 halves how many calls may be in
 * flight; each run of successes as long as the current limit adds one back, up to the limit the
 * batch started with. So when one item is told to wait, the whole batch slows down.
 */
export class RateGate {
  private limit: number;
  private active = 0;
  private pausedUntil = 0;
  private resumeTimer: NodeJS.Timeout | undefined;
  private successes = 0;
  private rateLimitStreak = 0;
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
    await this.acquire(signal);
    try {
      const value = await task();
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

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (this.free()) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(errorFromAbortSignal(signal));
      const onAbort = () => {
        const at = this.waiters.indexOf(wake);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(errorFromAbortSignal(signal!));
      };
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active += 1;
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(wake);
    });
  }

  private free(): boolean {
    return this.active < this.limit && Date.now() >= this.pausedUntil;
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.free()) this.waiters.shift()!();
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
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.pump(), until - Date.now());
    this.resumeTimer.unref?.();
    this.onPause?.(waitMs, this.limit);
  }
}
