import { describe, expect, it } from 'vitest';
import { testCapabilities } from '../engine/__fixtures__/test-provider.js';
import { checkCapabilities } from './check-capabilities.js';

describe('checkCapabilities', () => {
  it('passes a consistent table and names each inconsistency', () => {
    expect(checkCapabilities({ id: 'ok', capabilities: testCapabilities })).toEqual([]);
    const broken = {
      id: 'broken',
      capabilities: {
        ...testCapabilities,
        n: { min: 3, max: 2 },
        maxImagesPerCall: 0,
        outputFormats: ['jpeg' as const],
        outputCompression: false,
        sizes: { presets: ['large'] },
      },
    };
    expect(checkCapabilities(broken)).toEqual([
      'broken: n must be whole numbers with 1 <= min <= max (got 3..2)',
      'broken: maxImagesPerCall must be a whole number above 0',
      'broken: a transparent background needs png or webp among outputFormats',
      'broken: size preset "large" is neither auto nor WxH',
    ]);
  });
});
