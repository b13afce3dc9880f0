import { RetouchError } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { keptJobs } from './kept-jobs.js';

const handle = { provider: 'queue', model: 'm', id: 'job-1', data: {}, createdAt: 'now' };

describe('jobs a failed edit left on the server', () => {
  it('are the handles core kept instead of cancelling (server unreachable), for Retry to follow', () => {
    const error = new RetouchError({
      code: 'network',
      message: 'queue could not be reached for 600 s while the job ran.',
      cancellations: [{ outcome: 'unknown', handle }],
    });
    expect(keptJobs(error)).toEqual([handle]);
  });

  it('are none for a plain failure, a confirmed cancel, or a user cancel (handled on its own)', () => {
    expect(keptJobs(new RetouchError({ code: 'server', message: 'x' }))).toEqual([]);
    expect(
      keptJobs(
        new RetouchError({
          code: 'server',
          message: 'x',
          cancellations: [{ outcome: 'cancelled' }],
        }),
      ),
    ).toEqual([]);
    expect(
      keptJobs(
        new RetouchError({
          code: 'cancelled',
          message: 'x',
          cancellations: [{ outcome: 'too-late', handle }],
        }),
      ),
    ).toEqual([]);
  });
});
