import { errorFromAbortSignal } from '../errors/abort-error.js';
import { isRetouchError, RetouchError } from '../errors/retouch-error.js';

export interface RetryInfo {
  /** The attempt about to start (2 for the first retry). */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step. Default 500 ms; it doubles per retry. */
  baseDelayMs?: number;
  /** Backoff cap. Default 30 s. */
  maxDelayMs?: number;
  /** Largest server-requested wait honoured (`Retry-After`). Default 60 s. */
  maxRetryAfterMs?: number;
  /** Each attempt is aborted with a `timeout` RetouchError after this long. */
  attemptTimeoutMs?: number;
  /** Aborting it stops at once, also during a backoff wait. */
  signal?: AbortSignal;
  /** Default: RetouchErrors whose `retryable` is true. */
  isRetryable?: (error: unknown) => boolean;
  onRetry?: (info: RetryInfo) => void;
  /**
   * A 429 that may be retried is not counted against `maxRetries`: it is waited out as the server
   * says (`Retry-After` uncapped), as long as the wait ends within this many milliseconds of the
   * first attempt. Unset: 429s count like any other failure.
   */
  rateLimitBudgetMs?: number;
  /** Told the time left, now and every second, while a wait of a second or more runs. */
  onWaitTick?: (info: { remainingMs: number; error: unknown }) => void;
  /** For tests: a replacement for Math.random. */
  random?: () => number;
  /** Names the provider in timeout messages. */
  provider?: string;
}

const defaultIsRetryable = (error: unknown) => isRetouchError(error) && error.retryable;

/**
 * Runs `fn` until it succeeds, fails for good, or retries run out. Backoff is exponential with
 * jitter so clients that failed together do not retry together; a server's `Retry-After`
 * (carried as `retryAfterMs`) wins over the backoff. A cancelled call is never retried.
 */
export async function withRetry<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const isRetryable = options.isRetryable ?? defaultIsRetryable;
  // Failures counted against maxRetries (a 429 within the rate-limit budget is not one).
  let counted = 0;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw errorFromAbortSignal(options.signal, options.provider);
    try {
      return await runAttempt(fn, attempt, options);
    } catch (error) {
      if (options.signal?.aborted) throw errorFromAbortSignal(options.signal, options.provider);
      if (!isRetryable(error)) throw error;
      let delayMs: number;
      if (options.rateLimitBudgetMs !== undefined && isRateLimited(error)) {
        delayMs = rateLimitDelay(counted + 1, error, options);
        if (Date.now() - started + delayMs > options.rateLimitBudgetMs) throw error;
      } else {
        counted += 1;
        if (counted > options.maxRetries) throw error;
        delayMs = retryDelay(counted, error, options);
      }
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await waitWithTicks(delayMs, error, options);
    }
  }
}

const isRateLimited = (error: unknown) =>
  isRetouchError(error) && (error.code === 'rate_limited' || error.status === 429);

/** A 429's wait: exactly what the server asked for, however long; else the usual backoff. */
function rateLimitDelay(step: number, error: unknown, options: RetryOptions): number {
  const asked = isRetouchError(error) ? error.retryAfterMs : undefined;
  if (asked !== undefined && asked >= 0) return asked;
  return retryDelay(step, error, options);
}

async function waitWithTicks(ms: number, error: unknown, options: RetryOptions): Promise<void> {
  if (!options.onWaitTick || ms < 1000) {
    await waitBeforeRetry(ms, options.signal, options.provider);
    return;
  }
  const end = Date.now() + ms;
  for (let left = ms; left > 0; left = end - Date.now()) {
    options.onWaitTick({ remainingMs: left, error });
    await waitBeforeRetry(Math.min(left, left % 1000 || 1000), options.signal, options.provider);
  }
}

async function runAttempt<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  attempt: number,
  options: RetryOptions,
): Promise<T> {
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  const timer =
    options.attemptTimeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          controller.abort(
            new RetouchError({
              code: 'timeout',
              provider: options.provider,
              // The attempt was cut off mid-flight: its request may have reached the server.
              delivery: 'unknown',
              message: `${options.provider ?? 'The provider'} did not answer within ${Math.round(
                options.attemptTimeoutMs! / 1000,
              )} s. Try again, or allow a longer timeout (timeoutMs).`,
            }),
          );
        }, options.attemptTimeoutMs);
  try {
    return await fn(attempt, signal);
  } catch (error) {
    // A provider may surface our timeout as a generic abort or a cancel; report the timeout.
    if (controller.signal.aborted && !options.signal?.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Milliseconds to wait before the retry that follows failed attempt `attempt`. */
export function retryDelay(attempt: number, error: unknown, options: RetryOptions): number {
  const retryAfter = isRetouchError(error) ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined && retryAfter >= 0) {
    return Math.min(retryAfter, options.maxRetryAfterMs ?? 60_000);
  }
  const base = options.baseDelayMs ?? 500;
  const ceiling = Math.min(options.maxDelayMs ?? 30_000, base * 2 ** (attempt - 1));
  // "Equal jitter": at least half the step, so retries never bunch up at zero.
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Waits `ms`, or rejects with the error the signal stands for as soon as it aborts. */
export function waitBeforeRetry(
  ms: number,
  signal: AbortSignal | undefined,
  provider: string | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(errorFromAbortSignal(signal, provider));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(errorFromAbortSignal(signal!, provider));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
