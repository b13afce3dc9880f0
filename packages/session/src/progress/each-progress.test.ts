import { describe, expect, it } from 'vitest';
import { describeEachProgress, initialEachProgress, reduceEachProgress } from './each-progress.js';

describe('each progress', () => {
  it('says what is done, running, failed and left, and a rate-limit wait while it lasts', () => {
    const counts = { total: 5, done: 2, running: 2, failed: 1, skipped: 0, left: 0 };
    expect(describeEachProgress(initialEachProgress, 0)).toBe('starting');
    let state = reduceEachProgress(
      initialEachProgress,
      { type: 'item-started', key: 'a.png', resumed: false, counts },
      0,
    );
    expect(state.sent).toBe(true);
    expect(describeEachProgress(state, 0)).toBe('2 of 5 done · 2 running · 1 failed · 0 left');
    state = reduceEachProgress(state, { type: 'rate-limited', waitMs: 2000, concurrency: 2 }, 1000);
    expect(describeEachProgress(state, 1500)).toBe(
      '2 of 5 done · 2 running · 1 failed · 0 left · rate limited: waiting 2.0s, 2 at a time',
    );
    expect(describeEachProgress(state, 3000)).toBe('2 of 5 done · 2 running · 1 failed · 0 left');
  });
});
