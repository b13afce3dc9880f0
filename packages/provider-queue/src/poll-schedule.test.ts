import { describe, expect, it } from 'vitest';
import { pollDelays } from './poll-schedule.js';

const take = (iterator: Iterator<number>, count: number) =>
  Array.from({ length: count }, () => iterator.next().value as number);

describe('pollDelays', () => {
  const poll = { initialMs: 75, maxMs: 2000, factor: 1.6, jitter: 0.2 };

  it('starts fast, grows, and stays under the cap', () => {
    const delays = take(
      pollDelays(poll, () => 0.5),
      20,
    );
    expect(delays[0]).toBe(75);
    expect(delays[1]).toBe(120);
    expect(delays.slice(-5)).toEqual([2000, 2000, 2000, 2000, 2000]);
    for (let i = 1; i < delays.length; i++)
      expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
  });

  it('spreads each delay by the jitter fraction', () => {
    expect(
      take(
        pollDelays(poll, () => 0),
        1,
      )[0],
    ).toBe(60);
    expect(
      take(
        pollDelays(poll, () => 1),
        1,
      )[0],
    ).toBe(90);
    expect(
      take(
        pollDelays(poll, () => 1),
        20,
      ).every((d) => d <= 2000),
    ).toBe(true);
  });

  it('never spins at zero when the first poll is immediate', () => {
    const delays = take(
      pollDelays({ ...poll, initialMs: 0, jitter: 0 }, () => 0.5),
      3,
    );
    expect(delays[0]).toBe(0);
    expect(delays[1]).toBeGreaterThan(0);
  });
});
