import { isRetouchError } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { refuseSecretFlags } from './refuse-secret-flags.js';

function refusal(argv: string[]): Error | undefined {
  try {
    refuseSecretFlags(argv);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe('refuseSecretFlags', () => {
  it.each([
    ['--api-key', 'sk-live-123'],
    ['--api-key=sk-live-123'],
    ['--apikey', 'sk-live-123'],
    ['--key', 'sk-live-123'],
    ['--openai-api-key', 'sk-live-123'],
    ['--fal-key=sk-live-123'],
    ['--token', 'sk-live-123'],
    ['--API_KEY', 'sk-live-123'],
    ['-key', 'sk-live-123'],
  ])('refuses %s and explains where a key belongs, without echoing it', (...argv) => {
    const error = refusal(['edit', 'a.png', '--prompt', 'x', ...argv]);
    expect(isRetouchError(error)).toBe(true);
    expect(error?.message).toMatch(/shell history/);
    expect(error?.message).toMatch(/OPENAI_API_KEY/);
    expect(error?.message).not.toContain('sk-live-123');
  });

  it('refuses a base URL that carries a credential', () => {
    expect(refusal(['--base-url', 'https://user:sk-live-123@example.test/v1'])?.message).toMatch(
      /credential/,
    );
    expect(
      refusal(['--base-url=https://example.test/v1?api-key=sk-live-123'])?.message,
    ).not.toContain('sk-live-123');
  });

  it('lets ordinary flags and values through', () => {
    expect(
      refusal([
        'edit',
        'keyboard.png',
        '--prompt',
        'add a --key to the lock',
        '--mask',
        'm.png',
        '--model',
        'gpt-image-1',
        '--base-url',
        'https://example.test/v1?api-version=2025-04-01',
      ]),
    ).toBeUndefined();
  });

  it('stops at -- so later arguments are file names', () => {
    expect(refusal(['edit', '--', '--key'])).toBeUndefined();
  });
});
