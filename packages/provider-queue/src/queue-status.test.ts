import { describe, expect, it } from 'vitest';
import { parseQueueStatus } from './queue-status.js';

const context = {
  provider: 'queue',
  secrets: ['sk-secret-123'],
  job: { model: 'm', requestId: 'req-1', statusUrl: 's', responseUrl: 'r', cancelUrl: 'c' },
};

describe('parseQueueStatus', () => {
  it('reads queue position, logs and completion', () => {
    expect(parseQueueStatus({ status: 'IN_QUEUE', queue_position: 3 }, context)).toEqual({
      state: 'queued',
      position: 3,
    });
    expect(
      parseQueueStatus(
        { status: 'IN_PROGRESS', logs: [{ message: 'step 1', timestamp: 't' }, 'step 2'] },
        context,
      ),
    ).toEqual({ state: 'running', logs: ['step 1', 'step 2'] });
    expect(parseQueueStatus({ status: 'COMPLETED', logs: [] }, context)).toEqual({
      state: 'completed',
    });
  });

  it('turns a completed job carrying an error into a failed-job error with the server message', () => {
    const failure = () =>
      parseQueueStatus({ status: 'COMPLETED', error: 'GPU exploded (key sk-secret-123)' }, context);
    expect(failure).toThrow(
      expect.objectContaining({ code: 'server', retryable: false, requestId: 'req-1' }),
    );
    expect(failure).toThrow(/GPU exploded/);
    expect(failure).not.toThrow(/sk-secret-123/);
  });

  it('recognises content-policy failures', () => {
    expect(() =>
      parseQueueStatus(
        { status: 'FAILED', error: 'flagged', error_type: 'content_policy_violation' },
        context,
      ),
    ).toThrow(expect.objectContaining({ code: 'content_policy' }));
  });

  it('reports a job cancelled elsewhere as cancelled, and unknown states as invalid responses', () => {
    expect(() => parseQueueStatus({ status: 'CANCELLED' }, context)).toThrow(
      expect.objectContaining({ code: 'cancelled' }),
    );
    expect(() => parseQueueStatus({ nope: true }, context)).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
  });
});
