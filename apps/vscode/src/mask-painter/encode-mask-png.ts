import { encodePng } from '@retouch/core/provider';

/**
 * Encodes a painted mask as an RGBA PNG of exactly `width`×`height`: painted pixels (coverage
 * of 128 or more) become fully transparent, which is how the edit APIs mark the region to
 * change; every other pixel is opaque black.
 *
 * `coverage` holds one byte per pixel, row by row, as the webview reads it from its paint layer.
 */
export function encodeMaskPng(width: number, height: number, coverage: Uint8Array): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`A mask needs positive integer dimensions, got ${width}x${height}.`);
  }
  if (coverage.length !== width * height) {
    throw new RangeError(
      `The painted mask has ${coverage.length} pixels, but the image has ${width}x${height}.`,
    );
  }
  const pixels = new Uint8Array(width * height * 4);
  coverage.forEach((value, i) => {
    // RGB stays 0 (black); only alpha says painted (transparent) or not (opaque).
    pixels[i * 4 + 3] = value >= 128 ? 0 : 255;
  });
  return encodePng({ width, height, channels: 4, pixels });
}

/** Counts painted pixels, so an empty mask is refused before it reaches a server. */
export function paintedPixelCount(coverage: Uint8Array): number {
  let count = 0;
  for (const value of coverage) if (value >= 128) count++;
  return count;
}
