import { crc32 } from 'node:zlib';
import type { OutputFormat } from '../edit/encode-image.js';
import { type ManifestFacts, manifestStore } from './manifest-box.js';

/**
 * The image with a C2PA-style manifest where each format's Content Credentials live: a `caBX`
 * chunk after IHDR in PNG, APP11 JUMBF segments after SOI in JPEG, a `C2PA` chunk in WebP (whose
 * simple form gains the `VP8X` header extended chunks need). Pixels are untouched.
 */
export function signImage(
  image: Buffer,
  format: OutputFormat,
  facts: Omit<ManifestFacts, 'unsigned' | 'format'>,
): Buffer {
  const store = manifestStore({ ...facts, unsigned: image, format });
  if (format === 'png') return signPng(image, store);
  if (format === 'jpeg') return signJpeg(image, store);
  return signWebp(image, store);
}

function signPng(png: Buffer, store: Buffer): Buffer {
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  const chunk = Buffer.alloc(12 + store.length);
  chunk.writeUInt32BE(store.length, 0);
  chunk.write('caBX', 4, 'latin1');
  store.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + store.length)), 8 + store.length);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

/** JPEG-XT boxes: `JP`, an instance number, a sequence number, then the box, split to fit. */
function signJpeg(jpeg: Buffer, store: Buffer): Buffer {
  const maxPayload = 0xffff - 2 - 8;
  const head = store.subarray(0, 8);
  const segments: Buffer[] = [];
  for (let offset = 0, sequence = 1; offset < store.length; sequence++) {
    // Every segment after the first repeats the box header (LBox and TBox), as JPEG-XT asks.
    const room = sequence === 1 ? maxPayload : maxPayload - 8;
    const part = store.subarray(offset, offset + room);
    offset += part.length;
    const body = Buffer.concat([
      Buffer.from([0x4a, 0x50, 0x00, 0x01]),
      u32(sequence),
      ...(sequence === 1 ? [] : [head]),
      part,
    ]);
    const marker = Buffer.from([0xff, 0xeb, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
    segments.push(marker, body);
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value, 0);
  return out;
}

function riffChunk(fourCC: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(fourCC, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function signWebp(webp: Buffer, store: Buffer): Buffer {
  const first = webp.toString('latin1', 12, 16);
  let chunks = webp.subarray(12);
  if (first === 'VP8 ' || first === 'VP8L') {
    chunks = Buffer.concat([riffChunk('VP8X', vp8xFor(webp, first)), chunks]);
  }
  const body = Buffer.concat([chunks, riffChunk('C2PA', store)]);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** The extended header for a simple WebP: its canvas size, and the alpha flag for lossless. */
function vp8xFor(webp: Buffer, kind: string): Buffer {
  let width: number;
  let height: number;
  let alpha = false;
  if (kind === 'VP8 ') {
    width = webp.readUInt16LE(26) & 0x3fff;
    height = webp.readUInt16LE(28) & 0x3fff;
  } else {
    const bits = webp.readUInt32LE(21);
    width = (bits & 0x3fff) + 1;
    height = ((bits >> 14) & 0x3fff) + 1;
    alpha = ((bits >> 28) & 1) === 1;
  }
  const data = Buffer.alloc(10);
  data[0] = alpha ? 0x10 : 0;
  data.writeUIntLE(width - 1, 4, 3);
  data.writeUIntLE(height - 1, 7, 3);
  return data;
}
