import type { BatchCounts, BatchEvent } from '@retouch/core';
import { formatElapsed } from './edit-progress.js';

/** A batch's progress as any front end draws it. */
export interface EachProgress {
  counts?: BatchCounts;
  /** A rate limit every edit waits out, until `until` (the clock's milliseconds). */
  waiting?: { waitMs: number; concurrency: number; until: number };
  /** Items whose edit has been sent, so cancelling may come too late for them. */
  sent: boolean;
}

export const initialEachProgress: EachProgress = { sent: false };

/** The reducer: the state after one more batch event, at `now` (milliseconds). */
export function reduceEachProgress(
  state: EachProgress,
  event: BatchEvent,
  now: number,
): EachProgress {
  switch (event.type) {
    case 'item-started':
      return { ...state, counts: event.counts, sent: true };
    case 'item-finished':
      return { ...state, counts: event.counts };
    case 'rate-limited':
      return {
        ...state,
        waiting: {
          waitMs: event.waitMs,
          concurrency: event.concurrency,
          until: now + event.waitMs,
        },
      };
    default:
      return state;
  }
}

/** `12 of 200 done · 8 running · 1 failed · 179 left · rate limited: waiting 4.0s, 2 at a time`. */
export function describeEachProgress(state: EachProgress, now: number): string {
  const { counts } = state;
  if (!counts) return 'starting';
  const parts = [`${counts.done} of ${counts.total} done`, `${counts.running} running`];
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.skipped) parts.push(`${counts.skipped} not started`);
  parts.push(`${counts.left} left`);
  if (state.waiting && now < state.waiting.until) {
    parts.push(
      `rate limited: waiting ${formatElapsed(state.waiting.waitMs)}, ${state.waiting.concurrency} at a time`,
    );
  }
  return parts.join(' · ');
}
