import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RetouchError } from '../errors/retouch-error.js';
import { retryDelay, withRetry } from './retry.js';

const rateLimited = (retryAfterMs?: number) =>
  new RetouchError({ code: 'rate_limited', message: 'slow down', status: 429, retryAfterMs });

describe('withRetry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits exactly the server’s Retry-After before the next attempt', async () => {
    const attempts: number[] = [];
    const result = withRetry(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt === 1) throw rateLimited(2_000);
        return 'done';
      },
      { maxRetries: 2 },
    );
    await vi.advanceTimersByTimeAsync(1_999);
    expect(attempts).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('done');
    expect(attempts).toEqual([1, 2]);
  });

  it('caps a huge Retry-After at a minute', () => {
    expect(retryDelay(1, rateLimited(3_600_000), { maxRetries: 1 })).toBe(60_000);
  });

  it('backs off exponentially with jitter between half and all of each step', () => {
    const at = (attempt: number, random: number) =>
      retryDelay(attempt, rateLimited(), { maxRetries: 5, baseDelayMs: 100, random: () => random });
    expect([at(1, 0), at(1, 1)]).toEqual([50, 100]);
    expect([at(2, 0), at(2, 1)]).toEqual([100, 200]);
    expect([at(3, 0.5)]).toEqual([300]);
    expect(retryDelay(20, rateLimited(), { maxRetries: 30, random: () => 1 })).toBe(30_000);
  });

  it('reports each retry and gives up after maxRetries with the last error', async () => {
    const retries: number[] = [];
    const result = withRetry(
      async () => {
        throw new RetouchError({ code: 'server', message: 'boom', status: 503 });
      },
      {
        maxRetries: 2,
        baseDelayMs: 10,
        random: () => 0,
        onRetry: ({ attempt, delayMs }) => retries.push(attempt, delayMs),
      },
    );
    const settled = expect(result).rejects.toMatchObject({ code: 'server', message: 'boom' });
    await vi.runAllTimersAsync();
    await settled;
    expect(retries).toEqual([2, 5, 3, 10]);
  });

  it('never retries an error that is not retryable', async () => {
    const fn = vi.fn(async () => {
      throw new RetouchError({ code: 'authentication', message: 'bad key', status: 401 });
    });
    await expect(withRetry(fn, { maxRetries: 3 })).rejects.toMatchObject({
      code: 'authentication',
    });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('stops at once, with a cancelled error, when aborted during the backoff wait', async () => {
    const controller = new AbortController();
    const fn = vi.fn(async () => {
      throw rateLimited(30_000);
    });
    const result = withRetry(fn, { maxRetries: 3, signal: controller.signal });
    const settled = expect(result).rejects.toMatchObject({ code: 'cancelled' });
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await settled;
    expect(fn).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a RetouchError given as the abort reason', async () => {
    const controller = new AbortController();
    const reason = new RetouchError({ code: 'timeout', message: 'total timeout' });
    const result = withRetry(async () => Promise.reject(rateLimited(5_000)), {
      maxRetries: 3,
      signal: controller.signal,
    });
    const settled = expect(result).rejects.toBe(reason);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(reason);
    await settled;
  });

  it('times out a hanging attempt with a retryable timeout error and tries again', async () => {
    const result = withRetry(
      (attempt, signal) =>
        attempt === 1
          ? new Promise((_, reject) =>
              signal.addEventListener('abort', () => reject(new Error('aborted'))),
            )
          : Promise.resolve('second try'),
      { maxRetries: 1, attemptTimeoutMs: 1_000, baseDelayMs: 10 },
    );
    await vi.advanceTimersByTimeAsync(1_100);
    await expect(result).resolves.toBe('second try');
  });

  it('reports a timeout, not a cancel, when the last attempt times out', async () => {
    const result = withRetry(
      (_attempt, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      { maxRetries: 0, attemptTimeoutMs: 1_000, provider: 'acme' },
    );
    const settled = expect(result).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('acme did not answer within 1 s'),
    });
    await vi.advanceTimersByTimeAsync(1_000);
    await settled;
  });
});
