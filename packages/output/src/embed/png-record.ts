import { inflateSync } from 'node:zlib';
import { encodePngChunk } from '@retouch/core/provider';
import { maxRecordTextLength } from '../record/parse-edit-record.js';

/** The iTXt keyword the record is stored under. */
export const pngRecordKeyword = 'retouch.edit';

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });

interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  /** Offset just past its CRC. */
  end: number;
  data: Uint8Array;
}

/** The chunks in `bytes`, in order; stops at IEND or where the bytes run out. */
function* pngChunks(bytes: Uint8Array): Generator<PngChunk> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) return;
    const type = latin1.decode(bytes.subarray(offset + 4, offset + 8));
    yield { type, start: offset, end, data: bytes.subarray(offset + 8, offset + 8 + length) };
    if (type === 'IEND') return;
    offset = end;
  }
}

export function isPng(bytes: Uint8Array): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** Content Credentials (C2PA) live in a `caBX` chunk; any change to the file breaks them. */
export function pngHasContentCredentials(bytes: Uint8Array): boolean {
  for (const chunk of pngChunks(bytes)) if (chunk.type === 'caBX') return true;
  return false;
}

/** An uncompressed iTXt chunk, so the record stays readable with any PNG tool. */
function recordChunk(json: string): Uint8Array {
  const keyword = new TextEncoder().encode(pngRecordKeyword);
  const text = new TextEncoder().encode(json);
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated NUL, text
  const data = new Uint8Array(keyword.length + 5 + text.length);
  data.set(keyword, 0);
  data.set(text, keyword.length + 5);
  return encodePngChunk('iTXt', data);
}

interface ITxt {
  keyword: string;
  text: string;
}

function parseITxt(data: Uint8Array): ITxt | undefined {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1 || keywordEnd + 3 > data.length) return undefined;
  const keyword = latin1.decode(data.subarray(0, keywordEnd));
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd === -1 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd === -1) return undefined;
  let body = data.subarray(translatedEnd + 1);
  try {
    if (compressed) body = inflateSync(body, { maxOutputLength: maxRecordTextLength });
    return { keyword, text: utf8.decode(body) };
  } catch {
    return undefined;
  }
}

/**
 * The PNG with the record in an iTXt chunk right after IHDR, where a reader finds it in the
 * file's first bytes; an older Retouch record is replaced. Pixels and every other chunk are
 * copied as they are. Undefined when the bytes are not a PNG that starts with IHDR.
 */
export function embedPngRecord(png: Uint8Array, json: string): Uint8Array | undefined {
  if (!isPng(png)) return undefined;
  const chunks = [...pngChunks(png)];
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND') return undefined;
  const kept = chunks.filter(
    (chunk) => !(chunk.type === 'iTXt' && parseITxt(chunk.data)?.keyword === pngRecordKeyword),
  );
  const record = recordChunk(json);
  const parts = [png.subarray(0, 8), png.subarray(kept[0]!.start, kept[0]!.end), record];
  for (const chunk of kept.slice(1)) parts.push(png.subarray(chunk.start, chunk.end));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The record's JSON text from a PNG (or the start of one), if it holds one. */
export function readPngRecord(bytes: Uint8Array): string | undefined {
  if (!isPng(bytes)) return undefined;
  for (const chunk of pngChunks(bytes)) {
    if (chunk.type !== 'iTXt') continue;
    const parsed = parseITxt(chunk.data);
    if (parsed?.keyword === pngRecordKeyword) return parsed.text;
  }
  return undefined;
}
