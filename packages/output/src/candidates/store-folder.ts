import type { OutputFileSystem } from '../file-system/output-file-system.js';

/** The hidden store beside outputs: in VS Code, in the workspace folder. */
export const storeFolderName = '.retouch';

/** Keeps the whole store out of version control, whatever the project's own .gitignore says. */
const gitignore = '*\n';

/** Where the store of `root` (a workspace folder, or an output folder for the CLI) is. */
export function storeFolder<Location>(fs: OutputFileSystem<Location>, root: Location): Location {
  return fs.child(root, storeFolderName);
}

/**
 * The store's folder, created with its `.gitignore` (content `*`) the first time, and the
 * sub-folder `part` of it (`candidates`, `backups`, `marks`), created too.
 */
export async function openStoreFolder<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  part: string,
): Promise<Location> {
  const store = storeFolder(fs, root);
  const ignore = fs.child(store, '.gitignore');
  if (!(await fs.exists(ignore))) {
    await fs.createFolder(store);
    await fs.writeFile(ignore, new TextEncoder().encode(gitignore));
  }
  const folder = fs.child(store, part);
  await fs.createFolder(folder);
  return folder;
}

/** A JSON file of the store, or undefined when missing or not JSON (files are untrusted). */
export async function readStoreJson<Location>(
  fs: OutputFileSystem<Location>,
  location: Location,
  maxBytes = 1024 * 1024,
): Promise<unknown> {
  try {
    const bytes = fs.readStart
      ? await fs.readStart(location, maxBytes + 1)
      : await fs.readFile(location);
    if (bytes.byteLength > maxBytes) return undefined;
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes a JSON file of the store, replacing it in one step where the port can. */
export async function writeStoreJson<Location>(
  fs: OutputFileSystem<Location>,
  location: Location,
  value: unknown,
): Promise<void> {
  const data = new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  if (!fs.replaceFile) {
    await fs.writeFile(location, data);
    return;
  }
  const temp = fs.child(fs.parent(location), `.${fs.baseName(location)}.${Date.now()}.tmp`);
  await fs.writeFile(temp, data);
  await fs.replaceFile(temp, location);
}
