import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

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

export interface TestPngOptions {
  /** RGBA with a transparent centre, as a mask would be. Default false (RGB). */
  alpha?: boolean;
}

/**
 * A small valid PNG with a colour gradient, made without an image library, so the conformance
 * kit needs nothing but Node. With `alpha`, the centre is transparent, which makes it a mask.
 */
export function createTestPng(width = 64, height = 48, options: TestPngOptions = {}): Uint8Array {
  const channels = options.alpha ? 4 : 3;
  const stride = 1 + width * channels;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const at = y * stride + 1 + x * channels;
      raw[at] = Math.round((255 * x) / Math.max(1, width - 1));
      raw[at + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      raw[at + 2] = 160;
      if (options.alpha) {
        const inside = Math.abs(x - width / 2) < width / 4 && Math.abs(y - height / 2) < height / 4;
        raw[at + 3] = inside ? 0 : 255;
      }
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = options.alpha ? 6 : 2; // RGBA or RGB
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const parts = [
    signature,
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(deflateSync(raw))),
    chunk('IEND', new Uint8Array()),
  ];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}
