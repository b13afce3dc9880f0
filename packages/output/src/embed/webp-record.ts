import { sniffImage } from '@retouch/core/provider';
import { createXmpPacket, mergeIntoXmpPacket, readXmpRecord } from './xmp-packet.js';

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder();

/** VP8X flag bits. */
const xmpFlag = 0x04;
const alphaFlag = 0x10;

interface RiffChunk {
  fourCC: string;
  start: number;
  /** Past the padding byte of an odd-sized chunk. */
  end: number;
  data: Uint8Array;
}

export function isWebp(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 12 &&
    latin1.decode(bytes.subarray(0, 4)) === 'RIFF' &&
    latin1.decode(bytes.subarray(8, 12)) === 'WEBP'
  );
}

function riffChunks(bytes: Uint8Array): { chunks: RiffChunk[]; complete: boolean } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const chunks: RiffChunk[] = [];
  let offset = 12;
  while (offset + 8 <= riffEnd) {
    const size = view.getUint32(offset + 4, true);
    const dataEnd = offset + 8 + size;
    if (dataEnd > riffEnd) return { chunks, complete: false };
    const fourCC = latin1.decode(bytes.subarray(offset, offset + 4));
    const end = Math.min(riffEnd, dataEnd + (size % 2));
    chunks.push({ fourCC, start: offset, end, data: bytes.subarray(offset + 8, dataEnd) });
    offset = end;
  }
  return { chunks, complete: offset === riffEnd && riffEnd === bytes.length };
}

/** Content Credentials (C2PA) in WebP are a `C2PA` chunk; any change to the file breaks them. */
export function webpHasContentCredentials(bytes: Uint8Array): boolean {
  return riffChunks(bytes).chunks.some((chunk) => chunk.fourCC === 'C2PA');
}

function riffChunk(fourCC: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length % 2));
  out.set(new TextEncoder().encode(fourCC), 0);
  new DataView(out.buffer).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

/** A VP8X header for a simple (VP8 / VP8L) file, so it can carry metadata chunks. */
function vp8xFor(webp: Uint8Array): Uint8Array | undefined {
  const sniffed = sniffImage(webp);
  if (!sniffed) return undefined;
  const data = new Uint8Array(10);
  data[0] = sniffed.hasAlpha ? alphaFlag : 0;
  const width = sniffed.width - 1;
  const height = sniffed.height - 1;
  data.set([width & 0xff, (width >> 8) & 0xff, (width >> 16) & 0xff], 4);
  data.set([height & 0xff, (height >> 8) & 0xff, (height >> 16) & 0xff], 7);
  return data;
}

/**
 * The WebP with the record in an `XMP ` chunk (the extended format's last chunk, as the
 * container spec orders them), adding the `VP8X` header a simple file lacks and setting its XMP
 * flag. An XMP packet already there keeps its content and gains the record. The bitstream is
 * copied as it is. Undefined when the container cannot be parsed.
 */
export function embedWebpRecord(webp: Uint8Array, json: string): Uint8Array | undefined {
  if (!isWebp(webp)) return undefined;
  const { chunks, complete } = riffChunks(webp);
  const first = chunks[0];
  if (!complete || !first) return undefined;
  let header: Uint8Array;
  let body: RiffChunk[];
  if (first.fourCC === 'VP8X') {
    if (first.data.length < 10) return undefined;
    header = Uint8Array.from(first.data);
    body = chunks.slice(1);
  } else if (first.fourCC === 'VP8 ' || first.fourCC === 'VP8L') {
    const created = vp8xFor(webp);
    if (!created) return undefined;
    header = created;
    body = chunks;
  } else {
    return undefined;
  }
  header[0]! |= xmpFlag;
  const existing = body.find((chunk) => chunk.fourCC === 'XMP ');
  const packet = existing
    ? mergeIntoXmpPacket(utf8.decode(existing.data), json)
    : createXmpPacket(json);
  if (packet === undefined) return undefined;
  const parts = [
    riffChunk('VP8X', header),
    ...body
      .filter((chunk) => chunk !== existing)
      .map((chunk) => webp.subarray(chunk.start, chunk.end)),
    riffChunk('XMP ', new TextEncoder().encode(packet)),
  ];
  const length = 12 + parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(length);
  out.set(webp.subarray(0, 12), 0);
  new DataView(out.buffer).setUint32(4, length - 8, true);
  let offset = 12;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The record's JSON text from a WebP, if it holds one. The XMP chunk is last: read it whole. */
export function readWebpRecord(bytes: Uint8Array): string | undefined {
  if (!isWebp(bytes)) return undefined;
  const chunk = riffChunks(bytes).chunks.find((candidate) => candidate.fourCC === 'XMP ');
  return chunk ? readXmpRecord(utf8.decode(chunk.data)) : undefined;
}
