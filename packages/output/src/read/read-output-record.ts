import { readEmbeddedRecord } from '../embed/embedded-record.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { sidecarName } from '../naming/output-names.js';
import type { EditRecord } from '../record/edit-record.js';
import { maxRecordTextLength, parseEditRecordText } from '../record/parse-edit-record.js';

export interface FoundRecord<Location> {
  record: EditRecord;
  /** The result image the record describes. */
  location: Location;
  /** Where the record was read from. */
  from: 'image' | 'sidecar';
}

/** Enough for a PNG's record (right after IHDR) and a JPEG's (after JFIF and Exif). */
const headBytes = 256 * 1024;

async function embeddedText<Location>(
  fs: OutputFileSystem<Location>,
  location: Location,
): Promise<string | undefined> {
  if (!fs.readStart) return readEmbeddedRecord(await fs.readFile(location));
  const head = await fs.readStart(location, headBytes);
  const found = readEmbeddedRecord(head);
  // A WebP's XMP chunk is at the end, and a JPEG may have a huge Exif block first.
  if (found !== undefined || head.length < headBytes) return found;
  return readEmbeddedRecord(await fs.readFile(location));
}

async function sidecarText<Location>(
  fs: OutputFileSystem<Location>,
  location: Location,
): Promise<string | undefined> {
  const sidecar = fs.child(fs.parent(location), sidecarName(fs.baseName(location)));
  const bytes = fs.readStart
    ? await fs.readStart(sidecar, maxRecordTextLength + 1)
    : await fs.readFile(sidecar);
  return bytes.length > maxRecordTextLength ? undefined : new TextDecoder().decode(bytes);
}

/**
 * How a result was made: the record inside the image (PNG iTXt, JPEG/WebP XMP), else the one in
 * its sidecar (`name.ext.json`, including the old formats of both tools). Undefined when neither
 * exists or holds a record; files are untrusted, so nothing in them can make this throw.
 */
export async function readOutputRecord<Location>(
  fs: OutputFileSystem<Location>,
  location: Location,
): Promise<FoundRecord<Location> | undefined> {
  const embedded = await embeddedText(fs, location).catch(() => undefined);
  const fromImage = embedded === undefined ? undefined : parseEditRecordText(embedded);
  if (fromImage) return { record: fromImage, location, from: 'image' };
  const inSidecar = await sidecarText(fs, location).catch(() => undefined);
  const fromSidecar = inSidecar === undefined ? undefined : parseEditRecordText(inSidecar);
  return fromSidecar ? { record: fromSidecar, location, from: 'sidecar' } : undefined;
}
