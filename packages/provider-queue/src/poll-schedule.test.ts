import { describe, expect, it } from 'vitest';
import { createPollPlanner, type PollObservation } from './poll-schedule.js';
import { queueConfigSchema } from './queue-config.js';

const poll = queueConfigSchema.parse({}).poll;
const running: PollObservation = { status: { state: 'running' } };
const completed: PollObservation = { status: { state: 'completed' } };

/**
 * Follows a job that completes `runMs` after submit, with the planner's own delays on a virtual
 * clock (each check answered at once): the checks made and how late the completion was seen.
 */
function follow(runMs: number, expectedRunMs?: number, config = poll) {
  let clock = 0;
  const planner = createPollPlanner(config, { expectedRunMs, now: () => clock, random: () => 0.5 });
  let last: PollObservation | undefined;
  const checks: number[] = [];
  for (;;) {
    clock += planner.next(last);
    checks.push(clock);
    last = clock >= runMs ? completed : running;
    if (last === completed) {
      planner.next(last);
      return { checks, lateMs: clock - runMs, observedRunMs: planner.observedRunMs() };
    }
  }
}

describe('createPollPlanner', () => {
  it('checks a quick job almost at once', () => {
    expect(follow(50).checks).toEqual([75]);
  });

  it('without a known run time, checks a 2–2.5 s job about every 500 ms, as often as fal', () => {
    for (const runMs of [2_040, 2_210, 2_460]) {
      const { checks, lateMs } = follow(runMs);
      expect(checks.length).toBeLessThanOrEqual(7);
      expect(lateMs).toBeLessThanOrEqual(poll.intervalMs);
    }
  });

  it('spaces checks out for long jobs, never beyond maxMs', () => {
    const { checks } = follow(120_000);
    const gaps = checks.slice(1).map((at, i) => at - checks[i]!);
    expect(Math.max(...gaps)).toBe(poll.maxMs);
    expect(checks.length).toBeLessThan(150);
  });

  it('with a known run time, checks when the job should be done and picks it up soon', () => {
    // Jobs within about 10% of the usual run time: fewer checks than fal, and a quicker pickup.
    for (const runMs of [2_040, 2_210, 2_460]) {
      const { checks, lateMs } = follow(runMs, 2_210);
      expect(checks.length).toBeLessThanOrEqual(4);
      expect(lateMs).toBeLessThan(250);
    }
  });

  it('backs off from a job that runs far longer than expected', () => {
    const { checks } = follow(60_000, 2_000);
    expect(checks.length).toBeLessThan(70);
    const gaps = checks.slice(1).map((at, i) => at - checks[i]!);
    expect(gaps.at(-1)).toBe(poll.maxMs);
  });

  it('ignores the run time when learning is off', () => {
    expect(follow(2_210, 2_210, { ...poll, learn: false })).toEqual(follow(2_210));
  });

  it('checks less often the more jobs wait ahead', () => {
    const planner = createPollPlanner(poll, { now: () => 1_000, random: () => 0.5 });
    planner.next();
    const near = planner.next({ status: { state: 'queued', position: 0 } });
    const far = planner.next({ status: { state: 'queued', position: 5 } });
    expect(far).toBeGreaterThan(near);
    expect(far).toBeLessThanOrEqual(poll.maxMs);
  });

  it('waits as long as the server asks, within reason', () => {
    const planner = createPollPlanner(poll, { now: () => 0 });
    planner.next();
    expect(planner.next({ ...running, retryAfterMs: 3_000 })).toBe(3_000);
    expect(planner.next({ ...running, retryAfterMs: 3_600_000 })).toBe(60_000);
  });

  it('does not guess when a resumed job started: it keeps to the blind schedule', () => {
    let clock = 0;
    const planner = createPollPlanner(poll, {
      expectedRunMs: 60_000,
      submittedAgoMs: 55_000,
      now: () => clock,
      random: () => 0.5,
    });
    clock += planner.next();
    // Had it assumed the job just started, it would wait a minute; the job may end any moment.
    expect(planner.next(running)).toBe(poll.maxMs);
  });

  it('measures how long the job ran, for the next job of the model', () => {
    const { observedRunMs } = follow(2_000, 2_000);
    expect(observedRunMs).toBeGreaterThan(1_900);
    expect(observedRunMs).toBeLessThan(2_200);
  });
});
