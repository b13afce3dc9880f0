import { describe, expect, it } from 'vitest';
import { parseChoice, parseDuration, parseInteger } from './parse-values.js';

describe('flag values', () => {
  it('reads durations with or without a unit (seconds by default)', () => {
    expect(parseDuration('edit', '--timeout', '90')).toBe(90_000);
    expect(parseDuration('edit', '--timeout', '1.5m')).toBe(90_000);
    expect(parseDuration('edit', '--timeout', '500ms')).toBe(500);
    expect(() => parseDuration('edit', '--timeout', 'soon')).toThrow(
      /--timeout must be a duration/,
    );
    expect(() => parseDuration('edit', '--timeout', '0')).toThrow(/retouch edit --help/);
  });

  it('reads bounded integers', () => {
    expect(parseInteger('edit', '--n', '3', 1, 10)).toBe(3);
    expect(() => parseInteger('edit', '--n', '0', 1, 10)).toThrow(/from 1 to 10/);
    expect(() => parseInteger('edit', '--n', '2.5', 1, 10)).toThrow(/whole number/);
  });

  it('reads choices case-insensitively, with aliases', () => {
    expect(parseChoice('edit', '--format', 'JPG', ['png', 'jpeg', 'webp'], { jpg: 'jpeg' })).toBe(
      'jpeg',
    );
    expect(() => parseChoice('edit', '--format', 'gif', ['png', 'jpeg', 'webp'])).toThrow(
      /one of png, jpeg, webp/,
    );
  });
});
