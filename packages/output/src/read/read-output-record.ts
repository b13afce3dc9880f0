import { readEmbeddedRecord } from '../embed/embedded-record.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { sha256Hex } from '../hash/sha256.js';
import { sidecarName } from '../naming/output-names.js';
import type { EditRecord } from '../record/edit-record.js';
import { maxRecordTextLength, parseEditRecordText } from '../record/parse-edit-record.js';
import { storeFor, storeRecordsFolderName } from '../store/retouch-store.js';
import { readStoreRecordText } from '../store/store-record.js';

export interface FoundRecord<Location> {
  record: EditRecord;
  /** The result image the record describes. */
  location: Location;
  /** Where the record was read from. */
  from: 'image' | 'store' | 'sidecar';
}

export interface ReadOutputRecordOptions<Location> {
  /**
   * `.retouch/` stores to look in for a signed result's record, besides the one in the result's
   * own folder (VS Code adds the workspace folder's).
   */
  stores?: readonly Location[];
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

/** The record a `.retouch/` store keeps under the hash of the result's bytes. */
async function storeText<Location>(
  fs: OutputFileSystem<Location>,
  location: Location,
  stores: readonly Location[],
): Promise<string | undefined> {
  const present: Location[] = [];
  for (const store of stores) {
    if (await fs.exists(fs.child(store, storeRecordsFolderName))) present.push(store);
  }
  // Hashing reads the whole file: only worth it when a store could hold its record.
  if (present.length === 0) return undefined;
  const hash = sha256Hex(await fs.readFile(location));
  for (const store of present) {
    const text = await readStoreRecordText(fs, store, hash);
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * How a result was made: the record inside the image (PNG iTXt, JPEG/WebP XMP), else the one a
 * `.retouch/` store keeps under the hash of its bytes (a provider-signed result, in the store of
 * its own folder or one of `stores`), else the one in its sidecar (`name.ext.json`, including
 * the old formats of both tools). Undefined when none exists or holds a record; files are
 * untrusted, so nothing in them can make this throw.
 */
export async function readOutputRecord<Location>(
  fs: OutputFileSystem<Location>,
  location: Location,
  options: ReadOutputRecordOptions<Location> = {},
): Promise<FoundRecord<Location> | undefined> {
  const embedded = await embeddedText(fs, location).catch(() => undefined);
  const fromImage = embedded === undefined ? undefined : parseEditRecordText(embedded);
  if (fromImage) return { record: fromImage, location, from: 'image' };
  const stores = [storeFor(fs, fs.parent(location)), ...(options.stores ?? [])];
  const stored = await storeText(fs, location, stores).catch(() => undefined);
  const fromStore = stored === undefined ? undefined : parseEditRecordText(stored);
  if (fromStore) return { record: fromStore, location, from: 'store' };
  const inSidecar = await sidecarText(fs, location).catch(() => undefined);
  const fromSidecar = inSidecar === undefined ? undefined : parseEditRecordText(inSidecar);
  return fromSidecar ? { record: fromSidecar, location, from: 'sidecar' } : undefined;
}
