import { describe, expect, it } from 'vitest';
import { planInput } from './plan-input.js';

const gptImage2 = {
  inputMediaTypes: ['image/png', 'image/jpeg', 'image/webp'] as const,
  maxInputBytes: 50 * 1024 * 1024,
  maxUsefulInputEdge: 3840,
};
const photo = { mediaType: 'image/jpeg' as const, width: 6000, height: 4000, size: 9e6 };

describe('planInput', () => {
  it('sends what the model takes as it is', () => {
    expect(planInput({ ...photo, width: 3840, height: 2560 }, gptImage2)).toBeUndefined();
    expect(
      planInput({ ...photo, orientation: 1, width: 1000, height: 800 }, gptImage2),
    ).toBeUndefined();
  });

  it('shrinks a camera JPEG to the largest useful edge, as a JPEG', () => {
    expect(planInput(photo, gptImage2)).toEqual({
      reasons: ['shrink'],
      format: 'jpeg',
      maxEdge: 3840,
    });
  });

  it('turns an EXIF-rotated photo upright even when it is small', () => {
    expect(planInput({ ...photo, width: 800, height: 600, orientation: 6 }, gptImage2)).toEqual({
      reasons: ['orient'],
      format: 'jpeg',
    });
  });

  it('converts types the model refuses: photos to JPEG, graphics to PNG, alpha to PNG', () => {
    const small = { width: 400, height: 300, size: 1e5 };
    expect(planInput({ ...small, mediaType: 'image/heic' }, gptImage2)?.format).toBe('jpeg');
    expect(planInput({ ...small, mediaType: 'image/tiff' }, gptImage2)?.format).toBe('jpeg');
    expect(planInput({ ...small, mediaType: 'image/bmp' }, gptImage2)?.format).toBe('png');
    expect(planInput({ ...small, mediaType: 'image/gif' }, gptImage2)?.format).toBe('png');
    expect(
      planInput({ ...small, mediaType: 'image/avif', hasAlpha: true }, gptImage2)?.format,
    ).toBe('png');
    expect(planInput({ ...small, mediaType: 'image/png', bitDepth: 16 }, gptImage2)).toEqual({
      reasons: ['convert'],
      format: 'png',
    });
  });

  it('falls back to a type the model takes, and re-encodes what is over its byte limit', () => {
    const pngOnly = { ...gptImage2, inputMediaTypes: ['image/png'] as const };
    expect(planInput({ ...photo, width: 500, height: 500 }, pngOnly)?.format).toBe('png');
    const small = { ...gptImage2, maxInputBytes: 4e6 };
    expect(planInput({ ...photo, width: 2000, height: 1500 }, small)?.reasons).toEqual([
      'too-large',
    ]);
  });

  it('never shrinks without a largest useful edge', () => {
    expect(planInput(photo, { ...gptImage2, maxUsefulInputEdge: undefined })).toBeUndefined();
  });
});
