import { readFileSync } from 'node:fs';

export interface VsixEntry {
  /** Path inside the package, e.g. `extension/dist/extension.js`. */
  name: string;
  /** Uncompressed size in bytes. */
  bytes: number;
}

/**
 * The files a .vsix (a zip) holds, from its central directory: what actually ships, whatever
 * .vscodeignore and the build say.
 */
export function readVsixEntries(path: string): VsixEntry[] {
  const zip = readFileSync(path);
  // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB, at the end.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${path} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: VsixEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${path}: bad central directory`);
    const bytes = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, bytes });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
