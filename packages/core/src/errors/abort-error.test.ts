import { describe, expect, it } from 'vitest';
import { errorFromAbortSignal, throwIfAborted } from './abort-error.js';
import { RetouchError } from './retouch-error.js';

describe('errorFromAbortSignal', () => {
  it('returns the RetouchError the signal was aborted with', () => {
    const controller = new AbortController();
    const reason = new RetouchError({ code: 'timeout', message: 'took too long' });
    controller.abort(reason);
    expect(errorFromAbortSignal(controller.signal)).toBe(reason);
  });

  it('turns a plain abort into a cancelled error that is not retried', () => {
    const controller = new AbortController();
    controller.abort();
    const error = errorFromAbortSignal(controller.signal, 'acme');
    expect(error.code).toBe('cancelled');
    expect(error.retryable).toBe(false);
    expect(error.provider).toBe('acme');
  });

  it('turns AbortSignal.timeout() into a retryable timeout error', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const error = errorFromAbortSignal(signal, 'acme');
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
  });
});

describe('throwIfAborted', () => {
  it('throws only once the signal has aborted', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal)).toThrow(RetouchError);
  });
});
