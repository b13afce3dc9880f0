import { crc32, deflateSync } from 'node:zlib';

export interface RawImage {
  width: number;
  height: number;
  /** 3 for RGB, 4 for RGBA. */
  channels: 3 | 4;
  /** 8-bit samples, row by row, `width * height * channels` bytes. */
  pixels: Uint8Array;
}

const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** One PNG chunk: length, type, data and its CRC, for packages that add chunks to PNGs. */
export function encodePngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes 8-bit RGB or RGBA pixels as a PNG with Node's zlib alone, for small images such as
 * painted masks and test fixtures that do not justify an image library.
 */
export function encodePng({ width, height, channels, pixels }: RawImage): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`A PNG needs positive integer dimensions, got ${width}x${height}.`);
  }
  if (pixels.length !== width * height * channels) {
    throw new RangeError(
      `${width}x${height} with ${channels} channels needs ${width * height * channels} bytes, got ${pixels.length}.`,
    );
  }
  const rowBytes = width * channels;
  const raw = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    // Each row starts with filter type 0 (None).
    raw.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8); // 8-bit RGB(A), deflate, no interlace
  const parts = [
    signature,
    encodePngChunk('IHDR', header),
    encodePngChunk('IDAT', deflateSync(raw, { level: 9 })),
    encodePngChunk('IEND', new Uint8Array(0)),
  ];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}
