import { setTimeout as delay } from 'node:timers/promises';
import { errorFromAbortSignal } from '@retouch/core';
import type { QueueConfig } from './queue-config.js';

/**
 * Delays between status checks: the first comes almost at once (short jobs finish in well under
 * a second), then each grows by `factor` up to `maxMs`. Jitter keeps many clients that submitted
 * together from polling in lockstep.
 */
export function* pollDelays(
  poll: QueueConfig['poll'],
  random: () => number = Math.random,
): Generator<number, never> {
  let step = poll.initialMs;
  for (;;) {
    const spread = step * poll.jitter * (2 * random() - 1);
    yield Math.max(0, Math.round(Math.min(step + spread, poll.maxMs)));
    step = Math.min(poll.maxMs, Math.max(step * poll.factor, 10));
  }
}

/** Waits `ms`, or rejects with the RetouchError the aborted signal stands for. */
export async function waitOrAbort(
  ms: number,
  signal: AbortSignal,
  provider: string,
): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
    throw errorFromAbortSignal(signal, provider);
  }
}
