import { retouchErrorCodes } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { exitCodeForErrorCode, exitCodes } from './exit-codes.js';

describe('exitCodeForErrorCode', () => {
  it('gives every core error code a specific exit code, never the generic 1', () => {
    for (const code of retouchErrorCodes) {
      expect(exitCodeForErrorCode(code), code).not.toBe(exitCodes.other);
    }
  });

  it('keeps the documented families apart', () => {
    expect(exitCodeForErrorCode('invalid_request')).toBe(2);
    expect(exitCodeForErrorCode('authentication')).toBe(3);
    expect(exitCodeForErrorCode('permission')).toBe(3);
    expect(exitCodeForErrorCode('rate_limited')).toBe(4);
    expect(exitCodeForErrorCode('content_policy')).toBe(5);
    expect(exitCodeForErrorCode('timeout')).toBe(6);
    expect(exitCodeForErrorCode('network')).toBe(6);
    expect(exitCodeForErrorCode('server')).toBe(7);
    expect(exitCodeForErrorCode('invalid_response')).toBe(7);
    expect(exitCodeForErrorCode('output')).toBe(8);
    expect(exitCodeForErrorCode('cancelled')).toBe(130);
  });

  it('falls back to 1 for a code it does not know', () => {
    expect(exitCodeForErrorCode('something_new')).toBe(1);
  });
});
