import { describe, expect, it } from 'vitest';
import { outputFormatFor } from './output-format.js';

const gptImage = { outputFormats: ['png', 'jpeg', 'webp'] as const };

describe('outputFormatFor', () => {
  it('gives back the format of the source: a JPEG stays a JPEG', () => {
    expect(outputFormatFor({ sourceMediaType: 'image/jpeg', capabilities: gptImage })).toBe('jpeg');
    expect(outputFormatFor({ sourceMediaType: 'image/webp', capabilities: gptImage })).toBe('webp');
    expect(outputFormatFor({ sourceMediaType: 'image/png', capabilities: gptImage })).toBe('png');
    expect(outputFormatFor({ sourceMediaType: 'image/gif', capabilities: gptImage })).toBe('png');
  });

  it("always takes the user's own pick", () => {
    expect(
      outputFormatFor({ requested: 'webp', sourceMediaType: 'image/jpeg', capabilities: gptImage }),
    ).toBe('webp');
  });

  it("leaves the model's default when it cannot follow the source", () => {
    // The model has no format option, or not this one.
    expect(
      outputFormatFor({ sourceMediaType: 'image/jpeg', capabilities: { outputFormats: [] } }),
    ).toBeUndefined();
    expect(
      outputFormatFor({
        sourceMediaType: 'image/webp',
        capabilities: { outputFormats: ['png', 'jpeg'] },
      }),
    ).toBeUndefined();
    expect(outputFormatFor({ sourceMediaType: 'image/jpeg' })).toBeUndefined();
    // JPEG has no transparency; PNG takes no compression.
    expect(
      outputFormatFor({
        sourceMediaType: 'image/jpeg',
        capabilities: gptImage,
        background: 'transparent',
      }),
    ).toBeUndefined();
    expect(
      outputFormatFor({
        sourceMediaType: 'image/png',
        capabilities: gptImage,
        outputCompression: 80,
      }),
    ).toBeUndefined();
  });
});
