import { describe, expect, it } from 'vitest';
import {
  isStreamRejection,
  parseOpenAIErrorBody,
  streamErrorToRetouchError,
} from './map-openai-error.js';

describe('parseOpenAIErrorBody', () => {
  it('reads the OpenAI envelope, dropping nulls', () => {
    expect(
      parseOpenAIErrorBody({
        error: {
          message: 'Invalid size',
          type: 'invalid_request_error',
          param: 'size',
          code: null,
        },
      }),
    ).toEqual({ message: 'Invalid size', type: 'invalid_request_error', param: 'size' });
  });

  it('reads a bare Error object and a string error', () => {
    expect(parseOpenAIErrorBody({ message: 'blocked', code: 'moderation_blocked' })).toEqual({
      message: 'blocked',
      code: 'moderation_blocked',
    });
    expect(parseOpenAIErrorBody({ error: 'Bad gateway key' })).toEqual({
      message: 'Bad gateway key',
    });
  });

  it('returns undefined for bodies that are not errors', () => {
    expect(parseOpenAIErrorBody({ data: [] })).toBeUndefined();
    expect(parseOpenAIErrorBody('nope')).toBeUndefined();
  });
});

describe('isStreamRejection', () => {
  it('recognises a 400 that blames stream or partial_images', () => {
    expect(isStreamRejection(400, { param: 'stream', message: 'Unknown parameter' })).toBe(true);
    expect(isStreamRejection(400, { message: "Unrecognized request argument: 'stream'" })).toBe(
      true,
    );
    expect(isStreamRejection(400, { param: 'partial_images' })).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(isStreamRejection(400, { param: 'size', message: 'Invalid size' })).toBe(false);
    expect(isStreamRejection(500, { param: 'stream' })).toBe(false);
    expect(isStreamRejection(400, undefined)).toBe(false);
  });
});

describe('streamErrorToRetouchError', () => {
  const context = { provider: 'openai-compatible', secrets: ['sk-secret-999'], requestId: 'req_1' };

  it('maps moderation to content_policy, not retryable', () => {
    const error = streamErrorToRetouchError(
      { message: 'Your request was rejected by the safety system', code: 'moderation_blocked' },
      context,
    );
    expect(error.code).toBe('content_policy');
    expect(error.retryable).toBe(false);
    expect(error.requestId).toBe('req_1');
  });

  it('tells quota apart from rate limits', () => {
    expect(streamErrorToRetouchError({ code: 'rate_limit_exceeded' }, context)).toMatchObject({
      code: 'rate_limited',
      retryable: true,
    });
    const quota = streamErrorToRetouchError({ code: 'insufficient_quota' }, context);
    expect(quota).toMatchObject({ code: 'rate_limited', retryable: false });
    expect(quota.message).toMatch(/billing/);
  });

  it('treats unknown stream errors as retryable server failures and redacts secrets', () => {
    const error = streamErrorToRetouchError(
      { message: 'upstream failed for key sk-secret-999', type: 'server_error' },
      context,
    );
    expect(error).toMatchObject({ code: 'server', retryable: true });
    expect(error.message).not.toContain('sk-secret-999');
    expect(JSON.stringify(error)).not.toContain('sk-secret-999');
  });
});
