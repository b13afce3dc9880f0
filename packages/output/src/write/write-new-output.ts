import type { OutputFileSystem } from '../file-system/output-file-system.js';
import {
  nextOutputNumber,
  type OutputKind,
  outputName,
  outputStem,
  sidecarName,
} from '../naming/output-names.js';
import { withFolderLock } from './folder-lock.js';
import { type FolderNameSet, type FolderNames, nameSet } from './folder-names.js';
import { tempName } from './temp-name.js';

export interface NewOutput {
  /** The file the output is named after (`hero.png` gives `hero.retouch-N.png`). */
  sourceName: string;
  kind: OutputKind;
  extension: string;
  /**
   * The bytes, or a function of the final name for content that names itself (an embedded
   * record); it is called again only if another writer takes the name first.
   */
  data: Uint8Array | ((name: string) => Uint8Array);
  /** Also skip numbers whose sidecar name is taken, so one can be written beside the result. */
  keepSidecarFree?: boolean;
  /** The stem to number, instead of `outputStem(sourceName)` (which drops a result's suffix). */
  stem?: string;
}

export interface WrittenOutput<Location> {
  location: Location;
  name: string;
  n: number;
}

/** Beyond this many taken names something is wrong (a loop, a broken file system); stop. */
const maxAttempts = 10_000;

/**
 * Writes `data` as the first free `stem.kind-N.ext` in `folder` (created if missing) and never
 * replaces a file. The bytes go to a hidden temporary file first and are then renamed without
 * overwrite, so the final name holds the whole file or nothing, and claiming the name and
 * completing the write are one step. If another writer takes the name first, the next number is
 * tried. Writers in one process write their bytes side by side and take turns only to claim a
 * name, so many results for one folder (a batch) are not written one after another.
 */
export async function writeNewOutput<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  output: NewOutput,
  options: {
    /** The run's folder names (see `folderNames`): the folder is not listed for each write. */
    names?: FolderNames<Location>;
  } = {},
): Promise<WrittenOutput<Location>> {
  const stem = output.stem ?? outputStem(output.sourceName);
  const nameFor = (n: number) => outputName(stem, output.kind, n, output.extension);
  const dataFor = (name: string) =>
    typeof output.data === 'function' ? output.data(name) : output.data;
  const firstFree = (names: FolderNameSet) => {
    let n = nextOutputNumber(names.under(stem), stem, output.kind);
    while (output.keepSidecarFree && names.has(sidecarName(nameFor(n)))) n++;
    return n;
  };
  await fs.createFolder(folder);
  const cached = await options.names?.of(folder);
  const listed = async () => cached ?? nameSet(await fs.list(folder));
  // The bytes go to disk (the slow part, with its flush) before the folder is locked, under the
  // name that is free now; only claiming the name waits for other writers. If another writer
  // took that name meanwhile, the bytes are written again for the next one.
  const guess = nameFor(firstFree(await listed()));
  const temp = fs.child(folder, tempName(guess));
  let inTemp: string | undefined;
  let claimed = false;
  try {
    await fs.writeFile(temp, dataFor(guess));
    inTemp = guess;
    return await withFolderLock(fs.display(folder), async () => {
      const names = await listed();
      const first = firstFree(names);
      for (let n = first; n < first + maxAttempts; n++) {
        const name = nameFor(n);
        if (output.keepSidecarFree && names.has(sidecarName(name))) continue;
        // Bytes that do not name themselves are the same under any name.
        if (inTemp !== name && typeof output.data === 'function') {
          await fs.writeFile(temp, dataFor(name));
          inTemp = name;
        }
        const location = fs.child(folder, name);
        const outcome = await fs.renameNoOverwrite(temp, location);
        // Taken or not, the name is in the folder now (a cached listing learns of it).
        names.add(name);
        if (outcome === 'renamed') {
          claimed = true;
          return { location, name, n };
        }
      }
      throw new Error(
        `No free name for ${stem}.${output.kind}-N.${output.extension} after ${maxAttempts} tries.`,
      );
    });
  } finally {
    if (!claimed) await fs.delete(temp).catch(() => undefined);
  }
}

/**
 * Writes a file under exactly `name`, atomically and without replacing anything: resolves
 * `'exists'` and writes nothing when the name is taken.
 */
export async function writeFileExclusive<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  name: string,
  data: Uint8Array,
): Promise<'written' | 'exists'> {
  const temp = fs.child(folder, tempName(name));
  try {
    await fs.writeFile(temp, data);
    const outcome = await fs.renameNoOverwrite(temp, fs.child(folder, name));
    if (outcome === 'exists') await fs.delete(temp);
    return outcome === 'renamed' ? 'written' : 'exists';
  } catch (error) {
    await fs.delete(temp).catch(() => undefined);
    throw error;
  }
}
