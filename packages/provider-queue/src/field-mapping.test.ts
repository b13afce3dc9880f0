import type { EditCall } from '@retouch/core/provider';
import { describe, expect, it } from 'vitest';
import { buildSubmitBody, defaultFieldMapping, resolveFieldMapping } from './field-mapping.js';

const call = (overrides: Partial<EditCall> = {}): EditCall => ({
  model: 'gpt_image_1_edit',
  prompt: 'make it sepia',
  images: [],
  n: 2,
  signal: new AbortController().signal,
  onProgress: () => {},
  ...overrides,
});

describe('buildSubmitBody', () => {
  it('uses the field names of seeds/004 by default', () => {
    const body = buildSubmitBody(
      call({
        size: '1024x1024',
        quality: 'low',
        outputFormat: 'jpeg',
        outputCompression: 80,
        inputFidelity: 'high',
        background: 'opaque',
        user: 'u1',
      }),
      {
        images: ['data:image/png;base64,AAA', 'https://x.test/b.png'],
        mask: 'data:image/png;base64,BBB',
      },
      defaultFieldMapping,
    );
    expect(body).toEqual({
      prompt: 'make it sepia',
      images: ['data:image/png;base64,AAA', 'https://x.test/b.png'],
      mask: 'data:image/png;base64,BBB',
      n: 2,
      size: '1024x1024',
      quality: 'low',
      background: 'opaque',
      output_format: 'jpeg',
      output_compression: 80,
      input_fidelity: 'high',
      user: 'u1',
    });
  });

  it('omits options the user did not set rather than inventing defaults', () => {
    const body = buildSubmitBody(call(), { images: ['u'] }, defaultFieldMapping);
    expect(Object.keys(body).sort()).toEqual(['images', 'n', 'prompt']);
  });

  it('maps fal-style names, sends a single URL for *_url fields and drops unmapped fields', () => {
    const mapping = resolveFieldMapping({
      images: 'image_url',
      n: 'num_images',
      size: null,
      mask: null,
    });
    const body = buildSubmitBody(
      call({ size: 'auto' }),
      { images: ['a', 'b'], mask: 'm' },
      mapping,
    );
    expect(body).toEqual({ prompt: 'make it sepia', image_url: 'a', num_images: 2 });
  });

  it('lets providerOptions add or override fields verbatim', () => {
    const body = buildSubmitBody(
      call({ providerOptions: { seed: 7, n: 1, moderation: 'low' } }),
      { images: ['a'] },
      resolveFieldMapping({ images: 'image_urls' }),
    );
    expect(body).toMatchObject({ image_urls: ['a'], seed: 7, n: 1, moderation: 'low' });
  });
});
