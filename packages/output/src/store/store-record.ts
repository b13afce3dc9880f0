import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { sha256Hex } from '../hash/sha256.js';
import { maxRecordTextLength } from '../record/parse-edit-record.js';
import { writeFileExclusive } from '../write/write-new-output.js';
import { ensureStore, storeRecordsFolderName } from './retouch-store.js';

/** `records/<sha256>.json`: a result's bytes name its record, wherever the result moves. */
export function storeRecordName(resultSha256: string): string {
  return `${resultSha256}.json`;
}

/**
 * Keeps a result's record in the store under the hash of the result's bytes, for a result whose
 * bytes must stay exactly as the provider sent them. The same bytes have the same record, so an
 * existing file is kept. Returns where the record is.
 */
export async function writeStoreRecord<Location>(
  fs: OutputFileSystem<Location>,
  store: Location,
  result: Uint8Array,
  json: string,
): Promise<Location> {
  await ensureStore(fs, store);
  const records = fs.child(store, storeRecordsFolderName);
  await fs.createFolder(records);
  const name = storeRecordName(sha256Hex(result));
  await writeFileExclusive(fs, records, name, new TextEncoder().encode(json));
  return fs.child(records, name);
}

/**
 * The record text kept in a store for these result bytes, or undefined. Files are untrusted:
 * an oversized or unreadable one reads as none.
 */
export async function readStoreRecordText<Location>(
  fs: OutputFileSystem<Location>,
  store: Location,
  resultSha256: string,
): Promise<string | undefined> {
  if (!/^[0-9a-f]{64}$/.test(resultSha256)) return undefined;
  const file = fs.child(fs.child(store, storeRecordsFolderName), storeRecordName(resultSha256));
  try {
    const bytes = fs.readStart
      ? await fs.readStart(file, maxRecordTextLength + 1)
      : await fs.readFile(file);
    return bytes.length > maxRecordTextLength ? undefined : new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
