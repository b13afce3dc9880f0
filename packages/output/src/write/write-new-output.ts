import type { OutputFileSystem } from '../file-system/output-file-system.js';
import {
  nextOutputNumber,
  type OutputKind,
  outputName,
  outputStem,
  sidecarName,
} from '../naming/output-names.js';
import { withFolderLock } from './folder-lock.js';
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
 * tried.
 */
export async function writeNewOutput<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  output: NewOutput,
): Promise<WrittenOutput<Location>> {
  return withFolderLock(fs.display(folder), async () => {
    await fs.createFolder(folder);
    const stem = outputStem(output.sourceName);
    const names = new Set(await fs.list(folder));
    const first = nextOutputNumber(names, stem, output.kind);
    const temp = fs.child(folder, tempName(outputName(stem, output.kind, first, output.extension)));
    let inTemp: Uint8Array | undefined;
    try {
      for (let n = first; n < first + maxAttempts; n++) {
        const name = outputName(stem, output.kind, n, output.extension);
        if (output.keepSidecarFree && names.has(sidecarName(name))) continue;
        const data = typeof output.data === 'function' ? output.data(name) : output.data;
        if (data !== inTemp) {
          await fs.writeFile(temp, data);
          inTemp = data;
        }
        const location = fs.child(folder, name);
        if ((await fs.renameNoOverwrite(temp, location)) === 'renamed')
          return { location, name, n };
      }
    } catch (error) {
      await fs.delete(temp).catch(() => undefined);
      throw error;
    }
    await fs.delete(temp).catch(() => undefined);
    throw new Error(
      `No free name for ${stem}.${output.kind}-N.${output.extension} after ${maxAttempts} tries.`,
    );
  });
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
