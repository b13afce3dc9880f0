import { describe, expect, it } from 'vitest';
import {
  parseRateLimitDuration,
  parseRateLimitHeaders,
  parseRetryAfter,
} from './rate-limit-headers.js';

describe("OpenAI's rate-limit headers", () => {
  it.each([
    ['12ms', 12],
    ['6s', 6000],
    ['1m30s', 90_000],
    ['0.5s', 500],
    ['1h2m3.5s', 3_723_500],
    ['2', 2000],
    ['soon', undefined],
    ['5 minutes', undefined],
  ])('reads the duration %s', (text, ms) => {
    expect(parseRateLimitDuration(text)).toBe(ms);
  });

  it('reads requests and tokens windows, and retry-after-ms before retry-after', () => {
    const headers = new Headers({
      'retry-after': '1',
      'retry-after-ms': '250',
      'x-ratelimit-limit-requests': '5',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-limit-tokens': '40000',
      'x-ratelimit-remaining-tokens': '39000',
      'x-ratelimit-reset-tokens': '1m30s',
    });
    expect(parseRateLimitHeaders(headers)).toEqual({
      retryAfterMs: 250,
      requests: { limit: 5, remaining: 0, resetMs: 1000 },
      tokens: { limit: 40_000, remaining: 39_000, resetMs: 90_000 },
    });
    expect(parseRateLimitHeaders(new Headers({ 'content-type': 'image/png' }))).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('ignores values it cannot read and never returns a negative wait', () => {
    expect(parseRetryAfter(new Headers())).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }))).toBe(
      0,
    );
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': 'x', 'retry-after': '3' }))).toBe(3000);
  });
});
