import { isRetouchError } from '../errors/retouch-error.js';
import {
  type BatchApiState,
  type BatchApiSteps,
  finalBatchApiStatuses,
} from './batch-api-contract.js';

export interface FollowOptions {
  signal: AbortSignal;
  firstMs: number;
  maxMs: number;
  onState(state: BatchApiState): void | Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * Polls a batch until it ends: the first check within seconds, then each wait half as long again,
 * up to `maxMs`, with some jitter so many clients do not poll in step. A failed check that may
 * pass later (network, 5xx, 429) is simply tried again at the next turn: the batch runs on the
 * server whatever happens here. Resolves with the final state, or undefined when stopped.
 */
export async function followBatchApi(
  api: BatchApiSteps,
  batchId: string,
  options: FollowOptions,
): Promise<BatchApiState | undefined> {
  let wait = options.firstMs;
  for (;;) {
    if (options.signal.aborted) return undefined;
    try {
      const state = await api.retrieve(batchId, options.signal);
      await options.onState(state);
      if (finalBatchApiStatuses.has(state.status)) return state;
    } catch (error) {
      if (options.signal.aborted) return undefined;
      if (!isRetouchError(error) || !error.retryable) throw error;
    }
    await sleep(wait * (0.9 + Math.random() * 0.2), options.signal);
    wait = Math.min(options.maxMs, wait * 1.5);
  }
}
