import { errorFromAbortSignal } from '../errors/abort-error.js';
import { RetouchError } from '../errors/retouch-error.js';

export interface RunSignal {
  /** Aborts, with a RetouchError as its reason, on user cancel, total timeout or `abort()`. */
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  dispose(): void;
}

/** One signal for a whole edit: the user's signal, the total timeout, and sibling-call failure. */
export function createRunSignal(options: {
  signal?: AbortSignal;
  totalTimeoutMs?: number;
  provider: string;
}): RunSignal {
  const controller = new AbortController();
  const user = options.signal;
  const onUserAbort = () => controller.abort(errorFromAbortSignal(user!, options.provider));
  if (user?.aborted) onUserAbort();
  else user?.addEventListener('abort', onUserAbort, { once: true });
  const timer =
    options.totalTimeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          controller.abort(
            new RetouchError({
              code: 'timeout',
              provider: options.provider,
              retryable: false,
              message: `The edit did not finish within ${Math.round(options.totalTimeoutMs! / 1000)} s (totalTimeoutMs). Allow more time, or ask for fewer images.`,
            }),
          );
        }, options.totalTimeoutMs);
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose() {
      clearTimeout(timer);
      user?.removeEventListener('abort', onUserAbort);
    },
  };
}
