import { crc32 } from 'node:zlib';

/**
 * Says what is missing when `bytes` are not a whole PNG, JPEG, WebP or GIF, or undefined when
 * they are (or are none of these: recognising the format is `sniffImage`'s job). It walks the
 * container structure only, never decoding pixels, so a 30 MB image costs one CRC pass:
 * - PNG: every chunk in bounds with a matching CRC, IHDR first, image data, and IEND;
 * - JPEG: segments in bounds up to the first scan, then an EOI marker after it;
 * - WebP: the RIFF length within the bytes and every chunk in bounds;
 * - GIF: every block in bounds up to the trailer.
 * Bytes after the end (some tools append metadata) are allowed.
 */
export function checkImageComplete(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, pngSignature)) return checkPng(bytes);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return checkJpeg(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return checkWebp(bytes);
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return checkGif(bytes);
  return undefined;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (bytes.length < offset + length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function checkPng(bytes: Uint8Array): string | undefined {
  const view = viewOf(bytes);
  let offset = 8;
  let chunks = 0;
  let sawImageData = false;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = ascii(bytes, offset + 4, 4);
    const end = offset + 12 + length;
    if (end > bytes.length) return `the PNG ${type} chunk at byte ${offset} is cut short`;
    if (chunks === 0 && type !== 'IHDR') return 'the PNG does not start with its IHDR chunk';
    const stored = view.getUint32(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== stored) {
      return `the PNG ${type} chunk at byte ${offset} is corrupt (its CRC does not match)`;
    }
    chunks += 1;
    if (type === 'IDAT') sawImageData = true;
    if (type === 'IEND') return sawImageData ? undefined : 'the PNG has no image data (IDAT)';
    offset = end;
  }
  return 'the PNG ends before its IEND chunk';
}

function checkJpeg(bytes: Uint8Array): string | undefined {
  const view = viewOf(bytes);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return `the JPEG has no marker at byte ${offset}`;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9) return 'the JPEG ends before its first scan';
    const end = offset + 2 + view.getUint16(offset + 2);
    if (end > bytes.length) return `the JPEG segment at byte ${offset} is cut short`;
    if (marker === 0xda) {
      // Inside entropy-coded data a 0xFF byte is always followed by 0x00 or a restart marker,
      // so FF D9 after the scan header can only be the end-of-image marker.
      for (let at = bytes.length - 2; at >= end; at--) {
        if (bytes[at] === 0xff && bytes[at + 1] === 0xd9) return undefined;
      }
      return 'the JPEG ends before its end-of-image marker (EOI)';
    }
    offset = end;
  }
  return 'the JPEG ends before its first scan';
}

function checkWebp(bytes: Uint8Array): string | undefined {
  const view = viewOf(bytes);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length) {
    return `the WebP is ${bytes.length} bytes but its RIFF header says ${riffEnd}`;
  }
  let offset = 12;
  while (offset + 8 <= riffEnd) {
    const size = view.getUint32(offset + 4, true);
    const end = offset + 8 + size + (size % 2);
    if (offset + 8 + size > riffEnd) {
      return `the WebP ${ascii(bytes, offset, 4)} chunk at byte ${offset} is cut short`;
    }
    offset = end;
  }
  return offset === 12 ? 'the WebP holds no image chunk' : undefined;
}

function checkGif(bytes: Uint8Array): string | undefined {
  if (bytes.length < 13) return 'the GIF ends before its logical screen descriptor';
  const tableSize = (flags: number) => ((flags & 0x80) !== 0 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  let offset = 13 + tableSize(bytes[10]!);
  const skipSubBlocks = (from: number): number => {
    let at = from;
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at]! + 1;
    return at + 1; // past the block terminator; beyond the end when it is missing
  };
  while (offset < bytes.length) {
    const introducer = bytes[offset];
    if (introducer === 0x3b) return undefined;
    if (introducer === 0x21) {
      offset = skipSubBlocks(offset + 2);
    } else if (introducer === 0x2c) {
      if (offset + 10 > bytes.length) break;
      offset = skipSubBlocks(offset + 10 + tableSize(bytes[offset + 9]!) + 1);
    } else {
      return `the GIF has an unknown block at byte ${offset}`;
    }
  }
  return 'the GIF ends before its trailer';
}
