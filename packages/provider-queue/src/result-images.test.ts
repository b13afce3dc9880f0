import { describe, expect, it } from 'vitest';
import { findResultImages } from './result-images.js';

describe('findResultImages', () => {
  it('reads fal images[].url with content types', () => {
    expect(
      findResultImages({
        images: [{ url: 'https://cdn.test/a.png', content_type: 'image/png', width: 1 }],
        seed: 1,
      }),
    ).toEqual([{ url: 'https://cdn.test/a.png', mediaType: 'image/png' }]);
  });

  it('reads a single image.url and bare string URLs', () => {
    expect(findResultImages({ image: { url: 'https://cdn.test/a.webp' } })).toEqual([
      { url: 'https://cdn.test/a.webp' },
    ]);
    expect(findResultImages({ images: ['data:image/png;base64,AAAA'] })).toEqual([
      { url: 'data:image/png;base64,AAAA' },
    ]);
  });

  it('reads OpenAI-style data[] with b64_json or url and revised prompts', () => {
    expect(
      findResultImages({
        data: [{ b64_json: 'AAAA', revised_prompt: 'a cat' }, { url: 'https://cdn.test/b.png' }],
      }),
    ).toEqual([{ base64: 'AAAA', revisedPrompt: 'a cat' }, { url: 'https://cdn.test/b.png' }]);
  });

  it('unwraps gateway envelopes and ignores things that are not images', () => {
    expect(findResultImages({ response: { images: [{ url: 'https://cdn.test/c.jpg' }] } })).toEqual(
      [{ url: 'https://cdn.test/c.jpg' }],
    );
    expect(findResultImages({ images: [{ url: 'ftp://x/y' }, 42, null], detail: 'oops' })).toEqual(
      [],
    );
    expect(findResultImages('nope')).toEqual([]);
  });
});
