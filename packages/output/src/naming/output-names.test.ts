import { describe, expect, it } from 'vitest';
import {
  nextOutputNumber,
  outputExtension,
  outputName,
  outputStem,
  parseResultName,
  sidecarName,
} from './output-names.js';

describe('output names', () => {
  it('names results after the source, and a result edited again continues its series', () => {
    expect(outputStem('hero.png')).toBe('hero');
    expect(outputStem('photo.retouch-1.png')).toBe('photo');
    expect(outputStem('hero.retouch-12.JPG')).toBe('hero');
    expect(outputStem('hero.markup-2.png')).toBe('hero');
    expect(outputStem('hero.mask-1.png')).toBe('hero');
    expect(outputStem('my.photo.final.jpeg')).toBe('my.photo.final');
    expect(outputStem('.retouch-1.png')).toBe('.retouch-1');
    expect(outputStem('.hidden')).toBe('.hidden');
    expect(outputStem('README')).toBe('README');
    expect(outputName('hero', 'retouch', 3, 'webp')).toBe('hero.retouch-3.webp');
    expect(sidecarName('hero.retouch-3.webp')).toBe('hero.retouch-3.webp.json');
  });

  it('spells JPEG results .jpg, or .jpeg when the source is spelled that way', () => {
    expect(outputExtension('image/jpeg', 'photo.png')).toBe('jpg');
    expect(outputExtension('image/jpeg', 'photo.jpg')).toBe('jpg');
    expect(outputExtension('image/jpeg', 'photo.JPEG')).toBe('jpeg');
    expect(outputExtension('image/png', 'photo.jpeg')).toBe('png');
    expect(outputExtension('image/webp', 'a.png')).toBe('webp');
    expect(outputExtension('image/gif', 'a.png')).toBe('gif');
  });

  it('numbers one past the highest result of the same stem, whatever its type, sidecars included', () => {
    const names = [
      'hero.png',
      'hero.retouch-2.png',
      'hero.retouch-7.jpg.json',
      'hero.mask-9.png',
      'hero-2.retouch-20.png',
      'heroic.retouch-30.png',
    ];
    expect(nextOutputNumber(names, 'hero', 'retouch')).toBe(8);
    expect(nextOutputNumber(names, 'hero', 'mask')).toBe(10);
    expect(nextOutputNumber([...names, 'hero.markup-3.png'], 'hero', 'markup')).toBe(4);
    expect(nextOutputNumber([], 'hero', 'retouch')).toBe(1);
  });

  it('recognises result names, and nothing else', () => {
    expect(parseResultName('hero.retouch-3.jpg')).toEqual({ stem: 'hero', n: 3, extension: 'jpg' });
    expect(parseResultName('a.b.retouch-10.WEBP')).toEqual({
      stem: 'a.b',
      n: 10,
      extension: 'WEBP',
    });
    expect(parseResultName('hero.retouch-3.jpg.json')).toBeUndefined();
    expect(parseResultName('.hero.retouch-3.png.1a2b.tmp')).toBeUndefined();
    expect(parseResultName('hero.png')).toBeUndefined();
  });
});
