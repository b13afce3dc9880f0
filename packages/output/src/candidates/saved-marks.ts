import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { sha256Hex } from '../hash/sha256.js';
import { openStoreFolder, readStoreJson, storeFolder, writeStoreJson } from './store-folder.js';

/** Marks are strokes and shapes, not pixels: a few hundred KB is already a lot of painting. */
const maxMarksBytes = 4 * 1024 * 1024;

function marksName(key: string): string {
  return `${sha256Hex(new TextEncoder().encode(key)).slice(0, 32)}.json`;
}

/**
 * Keeps the marks painted on an image (mask strokes, markup shapes) in the store until the edit
 * is sent or the marks are discarded, so closing the Studio loses nothing and nothing is written
 * beside the image. `key` names the image (its path relative to the root, or a candidate id).
 */
export async function saveMarks<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  key: string,
  marks: unknown,
): Promise<void> {
  // What could not be read back is not written: a page sending too much is refused.
  if (JSON.stringify(marks).length > maxMarksBytes) {
    throw new RangeError('Too many marks to keep; clear some and try again.');
  }
  const folder = await openStoreFolder(fs, root, 'marks');
  await writeStoreJson(fs, fs.child(folder, marksName(key)), { key, marks });
}

export async function loadMarks<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  key: string,
): Promise<unknown> {
  const location = fs.child(fs.child(storeFolder(fs, root), 'marks'), marksName(key));
  const saved = (await readStoreJson(fs, location, maxMarksBytes)) as
    | { key?: unknown; marks?: unknown }
    | undefined;
  return saved?.key === key ? saved.marks : undefined;
}

export async function clearMarks<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  key: string,
): Promise<void> {
  await fs.delete(fs.child(fs.child(storeFolder(fs, root), 'marks'), marksName(key)));
}
