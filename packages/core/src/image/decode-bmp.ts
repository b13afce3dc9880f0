import type { RawImage } from './codec-types.js';

/**
 * Uncompressed BMP (1/4/8-bit palette, 16/24/32-bit, with or without bit-field masks), which
 * libvips does not read without ImageMagick. Run-length-encoded BMPs are refused.
 */
export function decodeBmp(bytes: Uint8Array): RawImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 54) throw new Error('BMP header is truncated');
  const pixelOffset = view.getUint32(10, true);
  const dibSize = view.getUint32(14, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bits = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0 || width * height > 268_402_689)
    throw new Error('BMP size is not usable');
  if (compression !== 0 && compression !== 3 && compression !== 6) {
    throw new Error('compressed BMP is not supported');
  }
  const masks = compression === 0 ? defaultMasks(bits) : readMasks(view, dibSize, compression);
  const alpha = masks !== undefined && masks[3] !== 0 && dibSize > 40;
  const channels = alpha ? 4 : 3;
  const palette = bits <= 8 ? readPalette(view, 14 + dibSize, bits) : undefined;
  const stride = Math.ceil((width * bits) / 32) * 4;
  if (pixelOffset + stride * height > bytes.length) throw new Error('BMP pixel data is truncated');
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const row = pixelOffset + stride * (rawHeight > 0 ? height - 1 - y : y);
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      if (palette) {
        const index =
          (bytes[row + ((x * bits) >> 3)]! >> (8 - bits - ((x * bits) & 7))) & ((1 << bits) - 1);
        out.set(palette.subarray(index * 3, index * 3 + 3), o);
        continue;
      }
      const at = row + (x * bits) / 8;
      // 24-bit pixels are read byte by byte: a 4-byte read could run past the last row.
      const value =
        bits === 16
          ? view.getUint16(at, true)
          : bits === 24
            ? bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)
            : view.getUint32(at, true);
      for (let c = 0; c < channels; c++) out[o + c] = scale(value, masks![c]!);
    }
  }
  return { data: out, width, height, channels };
}

function defaultMasks(bits: number): number[] | undefined {
  if (bits === 16) return [0x7c00, 0x03e0, 0x001f, 0];
  if (bits === 24 || bits === 32) return [0xff0000, 0x00ff00, 0x0000ff, 0];
  return undefined;
}

function readMasks(view: DataView, dibSize: number, compression: number): number[] {
  const at = 54;
  const count = compression === 6 || dibSize >= 56 ? 4 : 3;
  const masks = [0, 1, 2, 3].map((i) => (i < count ? view.getUint32(at + i * 4, true) : 0));
  return masks;
}

function readPalette(view: DataView, at: number, bits: number): Uint8Array {
  const count = 1 << bits;
  const palette = new Uint8Array(count * 3);
  for (let i = 0; i < count && at + i * 4 + 3 <= view.byteLength; i++) {
    palette[i * 3] = view.getUint8(at + i * 4 + 2);
    palette[i * 3 + 1] = view.getUint8(at + i * 4 + 1);
    palette[i * 3 + 2] = view.getUint8(at + i * 4);
  }
  return palette;
}

/** Extracts a masked channel and stretches it to 0–255. */
function scale(value: number, mask: number): number {
  if (mask === 0) return 255;
  const shift = Math.clz32(mask & -mask) ^ 31;
  const max = mask >>> shift;
  return Math.round((((value & mask) >>> shift) * 255) / max);
}
