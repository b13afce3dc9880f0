import { describe, expect, it } from 'vitest';
import { cleanText, maxImagesPerAnswer, readChatMessage } from './chat-message-images.js';

const png = 'data:image/png;base64,iVBORw0KGgo=';

describe('readChatMessage', () => {
  it('reads message.images as OpenRouter and Vercel send them', () => {
    expect(
      readChatMessage({
        content: 'Here it is.',
        images: [
          { type: 'image_url', image_url: { url: png } },
          { type: 'image_url', image_url: 'https://cdn.example/b.png' },
        ],
      }),
    ).toEqual({ text: 'Here it is.', imageUrls: [png, 'https://cdn.example/b.png'] });
  });

  it('takes markdown images and bare data URLs out of the content, keeping the words', () => {
    const content = `Done!\n\n![edited](${png} "title")\nAlso: ![second](<https://cdn.example/c.webp>) and ${png.replace('png', 'webp')} there.`;
    const read = readChatMessage({ content });
    expect(read.imageUrls).toEqual([
      png,
      'https://cdn.example/c.webp',
      'data:image/webp;base64,iVBORw0KGgo=',
    ]);
    expect(read.text).toBe('Done!\n\nAlso:  and  there.');
  });

  it('leaves ordinary links, images of other schemes and broken markdown alone', () => {
    const read = readChatMessage({
      content:
        'See [docs](https://example.com) ![x](file:///etc/passwd) ![y](javascript:alert(1)) ![z](',
    });
    expect(read.imageUrls).toEqual([]);
    expect(read.text).toContain('[docs](https://example.com)');
  });

  it('reads content arrays with text and image_url parts', () => {
    expect(
      readChatMessage({
        content: [
          { type: 'text', text: 'Edited.' },
          { type: 'image_url', image_url: { url: png } },
        ],
      }),
    ).toEqual({ text: 'Edited.', imageUrls: [png] });
  });

  it('caps the images an answer may carry, and ignores what is not a message', () => {
    const images = Array.from({ length: 100 }, () => ({ image_url: { url: png } }));
    expect(readChatMessage({ images }).imageUrls).toHaveLength(maxImagesPerAnswer);
    expect(readChatMessage('text')).toEqual({ text: '', imageUrls: [] });
    expect(readChatMessage({ images: 'nope', content: 42 })).toEqual({ text: '', imageUrls: [] });
  });

  it('scans hostile content in one pass: many openers without closers', () => {
    const content = '![a]('.repeat(200_000) + 'x'.repeat(1_000_000);
    const read = readChatMessage({ content: `${content}![ok](${png})` });
    // The one complete link is found; nothing before it hangs the scan.
    expect(read.imageUrls.length).toBeLessThanOrEqual(1);
  });
});

describe('cleanText', () => {
  it('drops terminal escapes and bidi overrides, and caps the length', () => {
    expect(cleanText('red\u001b[31m alert\u0007 \u202egnp.exe\n\n\n\nok')).toBe(
      'red alert gnp.exe\n\nok',
    );
    expect(cleanText('x'.repeat(5000))).toHaveLength(4001);
  });
});
