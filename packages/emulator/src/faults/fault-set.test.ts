import { describe, expect, it } from 'vitest';
import { parseFaultRules } from './fault-rule.js';
import { FaultSet } from './fault-set.js';

describe('FaultSet', () => {
  it('honours afterRequests and times per rule, first applicable rule wins', () => {
    const set = new FaultSet([
      { route: 'queue.status', status: 500, afterRequests: 1, times: 2 },
      { route: '*', delayMs: 5 },
    ]);
    const statuses = Array.from({ length: 5 }, () => set.take('queue.status'));
    expect(statuses.map((r) => r?.status ?? r?.delayMs)).toEqual([5, 500, 500, 5, 5]);
    expect(set.take('files')?.delayMs).toBe(5);
    expect(set.list()[0]).toMatchObject({ seen: 5, applied: 2 });
  });

  it('applies job rules only to submissions', () => {
    const set = new FaultSet([{ route: '*', job: 'fail' }]);
    expect(set.take('queue.status')).toBeUndefined();
    expect(set.take('queue.submit')?.job).toBe('fail');
  });

  it('rejects malformed rules with a clear message', () => {
    expect(() => parseFaultRules('{"route":"x"}')).toThrow(/route/);
    expect(() => parseFaultRules('{"route":"*","status":9}')).toThrow(/status/);
    expect(() => parseFaultRules('{"route":"*","job":"explode"}')).toThrow(/job/);
    expect(() => parseFaultRules('{"route":"*","drop":"yes"}')).toThrow(/drop/);
    expect(parseFaultRules('[{"route":"files","truncate":true}]')).toEqual([
      { route: 'files', truncate: true },
    ]);
  });
});
