import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { writeFileExclusive } from '../write/write-new-output.js';

/**
 * The hidden store beside outputs (in VS Code, in the workspace folder): `.retouch/` with a
 * `.gitignore` of `*`, `records/<sha256 of a result>.json` for records that cannot live inside
 * their image (a provider-signed result), and `candidates/` for the Studio.
 */
export const storeFolderName = '.retouch';
export const storeRecordsFolderName = 'records';

/** The store that belongs to results written into `folder`. */
export function storeFor<Location>(fs: OutputFileSystem<Location>, folder: Location): Location {
  return fs.child(folder, storeFolderName);
}

/**
 * Creates the store (and its parents) if missing, with a `.gitignore` of `*` written when the
 * folder is created, so nothing in it is ever committed by accident. An existing `.gitignore`
 * is left as the user has it.
 */
export async function ensureStore<Location>(
  fs: OutputFileSystem<Location>,
  store: Location,
): Promise<void> {
  const ignore = fs.child(store, '.gitignore');
  if (await fs.exists(ignore)) return;
  await fs.createFolder(store);
  await writeFileExclusive(fs, store, '.gitignore', new TextEncoder().encode('*\n'));
}
