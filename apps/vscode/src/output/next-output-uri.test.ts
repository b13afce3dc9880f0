import { describe, expect, it } from 'vitest';
import { outputName, outputStem, sidecarName } from './next-output-uri.js';

describe('output names', () => {
  it('derives the stem from the source, dropping a previous Retouch suffix', () => {
    expect(outputStem('hero.png')).toBe('hero');
    expect(outputStem('hero.retouch-12.png')).toBe('hero');
    expect(outputStem('hero.mask-1.png')).toBe('hero');
    expect(outputStem('hero.markup-2.png')).toBe('hero');
    expect(outputStem('my.photo.final.jpeg')).toBe('my.photo.final');
    expect(outputStem('.retouch-1.png')).toBe('.retouch-1');
    expect(outputStem('README')).toBe('README');
  });

  it('builds name.retouch-N.ext and its sidecar name', () => {
    expect(outputName('hero', 'retouch', 3, 'webp')).toBe('hero.retouch-3.webp');
    expect(sidecarName('hero.retouch-3.webp')).toBe('hero.retouch-3.webp.json');
  });
});
