import { describe, expect, it } from 'vitest';
import { jobFailedError, parseQueueErrorBody } from './queue-errors.js';

describe('parseQueueErrorBody', () => {
  it('reads fal, pydantic, OpenAI and plain envelopes', () => {
    expect(parseQueueErrorBody({ detail: 'Not enough credits' })).toEqual({
      message: 'Not enough credits',
    });
    expect(
      parseQueueErrorBody({
        detail: [{ loc: ['body', 'image_urls'], msg: 'field required', type: 'missing' }],
      }),
    ).toEqual({ message: 'image_urls: field required', param: 'image_urls', type: 'missing' });
    expect(
      parseQueueErrorBody({ error: { message: 'bad size', code: 'invalid_size', param: 'size' } }),
    ).toEqual({
      message: 'bad size',
      code: 'invalid_size',
      param: 'size',
    });
    expect(parseQueueErrorBody({ message: 'plain' })).toEqual({ message: 'plain' });
    expect(parseQueueErrorBody([1, 2])).toBeUndefined();
  });
});

describe('jobFailedError', () => {
  it('maps a 422 failure to invalid_request with the server message and no secret', () => {
    const error = jobFailedError({
      provider: 'queue',
      requestId: 'r1',
      status: 422,
      detail: { message: 'image too small for key abcd-secret' },
      secrets: ['abcd-secret'],
    });
    expect(error.code).toBe('invalid_request');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('image too small');
    expect(JSON.stringify(error)).not.toContain('abcd-secret');
  });
});
