import { describe, expect, it } from 'vitest';
import { sentOptions } from './sent-options.js';

describe("the Studio's options", () => {
  it('sends the known options, n as a number, and nothing the page made up', () => {
    expect(
      sentOptions({ n: '3', size: '1024x1024', quality: '', background: 'auto', apiKey: 'x' }),
    ).toEqual({ n: 3, size: '1024x1024', background: 'auto' });
  });
});
