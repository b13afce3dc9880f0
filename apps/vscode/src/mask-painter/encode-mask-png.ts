import { deflateSync } from 'node:zlib';

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

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
  const stride = width * 4 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    // Filter byte 0 (None) starts each row; RGB stays 0.
    const row = y * stride;
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 4 + 3] = coverage[y * width + x]! >= 128 ? 0 : 255;
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const parts = [
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}

/** Counts painted pixels, so an empty mask is refused before it reaches a server. */
export function paintedPixelCount(coverage: Uint8Array): number {
  let count = 0;
  for (const value of coverage) if (value >= 128) count++;
  return count;
}
