import { describe, expect, it } from 'vitest';
import { toSafeError } from './safe-error.js';

describe('toSafeError', () => {
  it('reports a string or buffer that could not grow as an oversized answer, not as a plugin bug', () => {
    let overflow: unknown;
    try {
      'x'.repeat(2 ** 30);
    } catch (error) {
      overflow = error;
    }
    const error = toSafeError(overflow, 'acme', []);
    expect(error.code).toBe('invalid_response');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/acme sent an answer too large to hold in memory/);
    expect(error.message).not.toMatch(/bug/);
  });

  it('still calls any other plain error a bug in the provider, without the key', () => {
    const error = toSafeError(new TypeError('cannot read x of sk-live-123'), 'acme', [
      'sk-live-123',
    ]);
    expect(error.message).toMatch(/This is a bug in the provider plugin/);
    expect(error.message).not.toContain('sk-live-123');
  });
});
