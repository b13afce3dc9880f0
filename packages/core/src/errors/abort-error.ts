import { isRetouchError, RetouchError } from './retouch-error.js';

/**
 * The error to throw once `signal` has aborted. The engine aborts with a `timeout` or `cancelled`
 * RetouchError as the reason, and that exact error is what the caller should see; any other reason
 * (a plain `controller.abort()`, `AbortSignal.timeout()`) becomes a `cancelled` or `timeout` error.
 */
export function errorFromAbortSignal(signal: AbortSignal, provider?: string): RetouchError {
  const reason: unknown = signal.reason;
  if (isRetouchError(reason)) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new RetouchError({
      code: 'timeout',
      message: `${provider ?? 'The request'} did not finish in time. Try again, or allow a longer timeout.`,
      provider,
      retryable: true,
    });
  }
  return new RetouchError({
    code: 'cancelled',
    message: 'The edit was cancelled.',
    provider,
    retryable: false,
  });
}

/** Throws `errorFromAbortSignal(signal)` when the signal has already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, provider?: string): void {
  if (signal?.aborted) throw errorFromAbortSignal(signal, provider);
}
