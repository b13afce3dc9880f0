import type { ImageMediaType } from '../contract/capabilities.js';
import { readExifOrientation } from './read-exif-orientation.js';

export interface SniffedImage {
  mediaType: ImageMediaType;
  width: number;
  height: number;
  /** Undefined when the head read is too short to tell (e.g. a PNG whose tRNS may come later). */
  hasAlpha: boolean | undefined;
  /** JPEG EXIF orientation (1–8) when the head holds one. */
  orientation?: number;
  /** Bits per sample: 16 for a deep PNG, which most APIs refuse. */
  bitDepth?: number;
}

/**
 * Recognises PNG, JPEG, WebP and GIF from the first bytes of a file and reads their dimensions
 * from the headers alone, so a 50 MB image costs one small read. 64 KiB of head is always enough
 * for dimensions; JPEGs with huge EXIF blocks before SOFn are the only ones that may need more.
 */
export function sniffImage(head: Uint8Array): SniffedImage | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const found =
    sniffPng(head, view) ?? sniffJpeg(head, view) ?? sniffWebp(head, view) ?? sniffGif(head, view);
  if (!found || found.width <= 0 || found.height <= 0) return undefined;
  return found;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function sniffPng(bytes: Uint8Array, view: DataView): SniffedImage | undefined {
  if (!startsWith(bytes, pngSignature) || bytes.length < 26) return undefined;
  if (ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const colorType = bytes[25];
  // Colour types 4 (grey + alpha) and 6 (RGBA) carry an alpha channel; others only via tRNS.
  let hasAlpha: boolean | undefined = colorType === 4 || colorType === 6 ? true : undefined;
  if (hasAlpha === undefined) {
    let offset = 8;
    while (offset + 8 <= bytes.length) {
      const length = view.getUint32(offset);
      const type = ascii(bytes, offset + 4, 4);
      if (type === 'tRNS') {
        hasAlpha = true;
        break;
      }
      if (type === 'IDAT' || type === 'IEND') {
        hasAlpha = false;
        break;
      }
      offset += 12 + length;
    }
  }
  return { mediaType: 'image/png', width, height, hasAlpha, bitDepth: bytes[24] };
}

function isStartOfFrame(marker: number): boolean {
  // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC) which share the range.
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function sniffJpeg(bytes: Uint8Array, view: DataView): SniffedImage | undefined {
  if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return undefined;
  let offset = 2;
  let orientation: number | undefined;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2; // standalone markers carry no length
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return undefined;
      const height = view.getUint16(offset + 5);
      const width = view.getUint16(offset + 7);
      return {
        mediaType: 'image/jpeg',
        width,
        height,
        hasAlpha: false,
        ...(orientation === undefined ? {} : { orientation }),
      };
    }
    if (marker === 0xe1 && orientation === undefined) {
      orientation = readExifOrientation(bytes.subarray(offset + 4, offset + 2 + length));
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // EOI or scan before any frame
    offset += 2 + length;
  }
  return undefined;
}

function sniffWebp(bytes: Uint8Array, view: DataView): SniffedImage | undefined {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') {
    return undefined;
  }
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return undefined;
    const width = view.getUint16(26, true) & 0x3fff;
    const height = view.getUint16(28, true) & 0x3fff;
    return { mediaType: 'image/webp', width, height, hasAlpha: false };
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return undefined;
    const bits = view.getUint32(21, true);
    const width = (bits & 0x3fff) + 1;
    const height = ((bits >>> 14) & 0x3fff) + 1;
    const hasAlpha = ((bits >>> 28) & 1) === 1;
    return { mediaType: 'image/webp', width, height, hasAlpha };
  }
  if (chunk === 'VP8X') {
    const flags = bytes[20]!;
    const width = (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16)) + 1;
    const height = (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16)) + 1;
    return { mediaType: 'image/webp', width, height, hasAlpha: (flags & 0x10) !== 0 };
  }
  return undefined;
}

function sniffGif(bytes: Uint8Array, view: DataView): SniffedImage | undefined {
  const signature = bytes.length >= 13 ? ascii(bytes, 0, 6) : '';
  if (signature !== 'GIF87a' && signature !== 'GIF89a') return undefined;
  const width = view.getUint16(6, true);
  const height = view.getUint16(8, true);
  return { mediaType: 'image/gif', width, height, hasAlpha: gifHasTransparency(bytes) };
}

/** Looks for a graphic control extension with the transparency flag before the first image. */
function gifHasTransparency(bytes: Uint8Array): boolean | undefined {
  const packed = bytes[10]!;
  let offset = 13 + ((packed & 0x80) !== 0 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  while (offset < bytes.length) {
    const introducer = bytes[offset];
    if (introducer === 0x2c || introducer === 0x3b) return false; // image descriptor or trailer
    if (introducer !== 0x21 || offset + 2 >= bytes.length) return undefined;
    const label = bytes[offset + 1];
    if (label === 0xf9 && offset + 3 < bytes.length) {
      return (bytes[offset + 3]! & 0x01) !== 0;
    }
    // Skip the extension's sub-blocks.
    offset += 2;
    while (offset < bytes.length && bytes[offset] !== 0) offset += bytes[offset]! + 1;
    offset += 1;
  }
  return undefined;
}
