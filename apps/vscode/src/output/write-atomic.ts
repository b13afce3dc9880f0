import { randomBytes } from 'node:crypto';
import {
  findFreeOutputNumber,
  type OutputKind,
  outputName,
  outputStem,
} from './next-output-uri.js';
import type { OutputFileSystem } from './output-file-system.js';

export interface WrittenOutput<Location> {
  location: Location;
  name: string;
  n: number;
}

function tempName(name: string): string {
  return `${name}.tmp-${randomBytes(6).toString('hex')}`;
}

/**
 * Writes `data` under the first free `stem.kind-N.ext` in `folder` and never replaces a file.
 *
 * The bytes go to a temporary name first and are then renamed without overwrite, so the final
 * name holds either nothing or the whole file. If another writer takes the name between the
 * free-name check and the rename, the next number is tried.
 */
export async function writeNewOutput<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  sourceName: string,
  kind: OutputKind,
  extension: string,
  data: Uint8Array,
): Promise<WrittenOutput<Location>> {
  await fs.createFolder(folder);
  const stem = outputStem(sourceName);
  let n = await findFreeOutputNumber(fs, folder, stem, kind, extension);
  const name0 = outputName(stem, kind, n, extension);
  const temp = fs.child(folder, tempName(name0));
  try {
    await fs.writeFile(temp, data);
    for (;;) {
      const name = outputName(stem, kind, n, extension);
      const target = fs.child(folder, name);
      if ((await fs.renameNoOverwrite(temp, target)) === 'renamed') {
        return { location: target, name, n };
      }
      n = await findFreeOutputNumber(fs, folder, stem, kind, extension, n + 1);
    }
  } catch (error) {
    await fs.delete(temp).catch(() => undefined);
    throw error;
  }
}

/** Replaces `target` atomically (temp file, then rename): readers see the old or the new file. */
export async function writeFileAtomic<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  name: string,
  data: Uint8Array,
): Promise<Location> {
  const target = fs.child(folder, name);
  const temp = fs.child(folder, tempName(name));
  try {
    await fs.writeFile(temp, data);
    await fs.renameOverwrite(temp, target);
  } catch (error) {
    await fs.delete(temp).catch(() => undefined);
    throw error;
  }
  return target;
}
