import type { RawImage } from './codec-types.js';
import { missingPackage } from './missing-package.js';

interface HeicDecoded {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}
type HeicDecode = (input: { buffer: Uint8Array }) => Promise<HeicDecoded>;

let decoder: Promise<HeicDecode> | undefined;

/**
 * HEIC holds HEVC, which sharp's prebuilt libvips leaves out; libheif compiled to WebAssembly
 * (through `heic-decode`) reads it on every platform. Loaded on the first HEIC only (~2 MB).
 */
export async function decodeHeic(bytes: Uint8Array): Promise<RawImage> {
  decoder ??= import('heic-decode').then(
    (module) => module.default as HeicDecode,
    (error: unknown) => {
      decoder = undefined;
      throw missingPackage(error, 'heic-decode') ?? error;
    },
  );
  const decode = await decoder;
  const { width, height, data } = await decode({ buffer: bytes });
  const rgba = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (!hasTransparency(rgba))
    return { data: dropAlpha(rgba, width * height), width, height, channels: 3 };
  return { data: rgba, width, height, channels: 4 };
}

function hasTransparency(rgba: Uint8Array): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return true;
  return false;
}

/** In place: the RGB bytes are packed into the front of the same buffer. */
function dropAlpha(rgba: Uint8Array, pixels: number): Uint8Array {
  for (let p = 0; p < pixels; p++) {
    rgba[p * 3] = rgba[p * 4]!;
    rgba[p * 3 + 1] = rgba[p * 4 + 1]!;
    rgba[p * 3 + 2] = rgba[p * 4 + 2]!;
  }
  return rgba.subarray(0, pixels * 3);
}
