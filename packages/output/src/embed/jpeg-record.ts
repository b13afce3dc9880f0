import { createXmpPacket, mergeIntoXmpPacket, readXmpRecord } from './xmp-packet.js';

const xmpHeader = new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0');
const exifHeader = new TextEncoder().encode('Exif\0\0');
const utf8 = new TextDecoder();
const latin1 = new TextDecoder('latin1');

/** A segment's length field counts itself, so its payload is at most this. */
const maxSegmentPayload = 0xffff - 2;

interface JpegSegment {
  marker: number;
  /** Offset of the 0xFF that starts the marker. */
  start: number;
  end: number;
  payload: Uint8Array;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** The marker segments before the image data (up to SOS), or undefined for a broken header. */
function headerSegments(bytes: Uint8Array): { segments: JpegSegment[]; complete: boolean } {
  const segments: JpegSegment[] = [];
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return { segments, complete: false };
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return { segments, complete: true };
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    const end = offset + 2 + length;
    if (length < 2 || end > bytes.length) return { segments, complete: false };
    segments.push({ marker, start: offset, end, payload: bytes.subarray(offset + 4, end) });
    offset = end;
  }
  return { segments, complete: false };
}

function isXmp(segment: JpegSegment): boolean {
  return segment.marker === 0xe1 && startsWith(segment.payload, xmpHeader);
}

/** Content Credentials (C2PA) travel in APP11 JUMBF boxes labelled `c2pa`. */
export function jpegHasContentCredentials(bytes: Uint8Array): boolean {
  return headerSegments(bytes).segments.some(
    (segment) => segment.marker === 0xeb && latin1.decode(segment.payload).includes('c2pa'),
  );
}

function xmpSegment(packet: string): Uint8Array | undefined {
  const body = new TextEncoder().encode(packet);
  const payloadLength = xmpHeader.length + body.length;
  if (payloadLength > maxSegmentPayload) return undefined;
  const out = new Uint8Array(4 + payloadLength);
  out.set([0xff, 0xe1, (payloadLength + 2) >> 8, (payloadLength + 2) & 0xff], 0);
  out.set(xmpHeader, 4);
  out.set(body, 4 + xmpHeader.length);
  return out;
}

/**
 * The JPEG with the record in an XMP APP1 segment after SOI, JFIF (APP0) and Exif (APP1), the
 * order readers expect. An XMP packet already there keeps its content and gains the record.
 * Scan data is copied as it is. Undefined when the header cannot be parsed or the record does
 * not fit in one segment (64 KB).
 */
export function embedJpegRecord(jpeg: Uint8Array, json: string): Uint8Array | undefined {
  if (!isJpeg(jpeg)) return undefined;
  const { segments, complete } = headerSegments(jpeg);
  if (!complete) return undefined;
  const existing = segments.find(isXmp);
  const packet = existing
    ? mergeIntoXmpPacket(utf8.decode(existing.payload.subarray(xmpHeader.length)), json)
    : createXmpPacket(json);
  const segment = packet === undefined ? undefined : xmpSegment(packet);
  if (!segment) return undefined;
  let before: number;
  let after: number;
  if (existing) {
    before = existing.start;
    after = existing.end;
  } else {
    before = 2;
    for (const candidate of segments) {
      const leading =
        candidate.start === before &&
        (candidate.marker === 0xe0 ||
          (candidate.marker === 0xe1 && startsWith(candidate.payload, exifHeader)));
      if (!leading) break;
      before = candidate.end;
    }
    after = before;
  }
  const out = new Uint8Array(before + segment.length + jpeg.length - after);
  out.set(jpeg.subarray(0, before), 0);
  out.set(segment, before);
  out.set(jpeg.subarray(after), before + segment.length);
  return out;
}

/** The record's JSON text from a JPEG (or the start of one), if it holds one. */
export function readJpegRecord(bytes: Uint8Array): string | undefined {
  if (!isJpeg(bytes)) return undefined;
  for (const segment of headerSegments(bytes).segments) {
    if (!isXmp(segment)) continue;
    const record = readXmpRecord(utf8.decode(segment.payload.subarray(xmpHeader.length)));
    if (record !== undefined) return record;
  }
  return undefined;
}
