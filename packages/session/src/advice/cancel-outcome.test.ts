import { type JobHandle, RetouchError } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { cancelOutcomeOf, describeCancelOutcome } from './cancel-outcome.js';

const handle: JobHandle = {
  provider: 'queue',
  model: 'fal-ai/flux-pro/kontext',
  id: 'job-1',
  data: {},
  createdAt: '2026-01-01T00:00:00.000Z',
};

function cancelled(cancellations: RetouchError['cancellations'] = []) {
  return new RetouchError({
    code: 'cancelled',
    provider: 'queue',
    message: 'The edit was cancelled.',
    cancellations,
  });
}

describe('cancelOutcomeOf', () => {
  it('reads the per-job outcomes core attaches, following the jobs that may still finish', () => {
    const error = cancelled([{ outcome: 'too-late', handle }, { outcome: 'cancelled' }]);
    const outcome = cancelOutcomeOf(error, { sent: true });
    expect(outcome).toEqual({ outcome: 'too-late', stillRunning: [handle], sent: true });
    expect(describeCancelOutcome(outcome!, 'Queue (fal-style)')).toBe(
      'Retouch: too late to cancel. The job had already started on Queue (fal-style), so it may still finish and be billed. Retouch will save the result when it does.',
    );
  });

  it('says so when the provider did not confirm a job’s cancel', () => {
    const error = cancelled([{ outcome: 'unknown', handle }]);
    const outcome = cancelOutcomeOf(error, { sent: true })!;
    expect(outcome.outcome).toBe('unknown');
    expect(describeCancelOutcome(outcome, 'Queue (fal-style)')).toMatch(
      /did not confirm the cancel, so the job may still finish and be billed/,
    );
  });

  it('tells a request stopped before sending from one the provider already has', () => {
    const before = cancelOutcomeOf(cancelled(), { sent: false })!;
    expect(describeCancelOutcome(before, 'OpenAI-compatible')).toBe(
      'Retouch: edit cancelled before anything was sent.',
    );
    const after = cancelOutcomeOf(cancelled(), { sent: true })!;
    expect(after.outcome).toBe('unknown');
    expect(describeCancelOutcome(after, 'OpenAI-compatible')).toMatch(
      /may still finish and be billed/,
    );
  });

  it('is not about other errors', () => {
    const error = new RetouchError({ code: 'server', message: 'HTTP 500' });
    expect(cancelOutcomeOf(error, { sent: true })).toBeUndefined();
  });
});
