import { describe, expect, it } from 'vitest';
import { RetouchError } from '../errors/retouch-error.js';
import { findSecretLeaks } from './find-secret-leaks.js';

describe('findSecretLeaks', () => {
  it('finds a secret in a message, a cause, or JSON, and nothing in a clean error', () => {
    const key = 'sk-test-abcdef123456';
    expect(findSecretLeaks(new RetouchError({ code: 'server', message: 'clean' }), [key])).toEqual(
      [],
    );
    const leaky = new RetouchError({
      code: 'server',
      message: 'clean',
      cause: new Error(`got ${key}`),
    });
    expect(findSecretLeaks(leaky, [key])).toContain('cause1.message');
    expect(
      findSecretLeaks(new RetouchError({ code: 'server', message: `bad ${key}` }), [key]),
    ).toEqual(expect.arrayContaining(['message', 'toString()', 'JSON', 'stack']));
  });
});
