import { describe, expect, it } from 'vitest';
import { describeEachProgress } from './each-progress.js';

describe('describeEachProgress', () => {
  it('says what is done, running, failed and left, in one line', () => {
    const counts = { total: 5, done: 2, running: 2, failed: 1, skipped: 0, left: 0 };
    expect(describeEachProgress(counts)).toBe('2 of 5 done · 2 running · 1 failed · 0 left');
    expect(
      describeEachProgress({ ...counts, failed: 0, skipped: 1 }, 'waiting 2 s (rate limit)'),
    ).toBe('2 of 5 done · 2 running · 1 not started · 0 left · waiting 2 s (rate limit)');
  });
});
