import { open, readdir, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

export interface ReservedOutput {
  /** `name.retouch-N.ext`, created empty so no one else can take it. */
  path: string;
  /** `name.retouch-N.ext.json`, reserved the same way. */
  sidecarPath: string;
  n: number;
  /** Removes the empty placeholders when the edit could not be written. */
  release(): Promise<void>;
}

/** Extension for a result's media type: `.jpg` for JPEG, as most tools expect. */
export function extensionFor(mediaType: string): string {
  switch (mediaType) {
    case 'image/jpeg':
      return '.jpg';
    case 'image/webp':
      return '.webp';
    case 'image/gif':
      return '.gif';
    default:
      return '.png';
  }
}

/** `photo` for `/a/photo.png`, the stem output names are built from. */
export function outputStem(sourcePath: string): string {
  const name = basename(sourcePath);
  const stem = name.slice(0, name.length - extname(name).length);
  return stem === '' ? name : stem;
}

/**
 * Reserves the next free `stem.retouch-N.ext` in `dir`, N one past the highest already there (any
 * extension, so `photo.retouch-3.png` and `photo.retouch-3.jpg` never both exist). The files are
 * created with `wx` (exclusive), so two runs racing for the same N cannot both win and nothing
 * that exists is ever overwritten.
 */
export async function reserveOutputPath(
  dir: string,
  stem: string,
  extension: string,
): Promise<ReservedOutput> {
  let n = (await highestTakenN(dir, stem)) + 1;
  for (;;) {
    const path = join(dir, `${stem}.retouch-${n}${extension}`);
    const sidecarPath = `${path}.json`;
    if (await createExclusive(path)) {
      if (await createExclusive(sidecarPath)) {
        return {
          path,
          sidecarPath,
          n,
          release: async () => {
            await Promise.all([unlink(path).catch(() => {}), unlink(sidecarPath).catch(() => {})]);
          },
        };
      }
      await unlink(path).catch(() => {});
    }
    n++;
  }
}

async function createExclusive(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function highestTakenN(dir: string, stem: string): Promise<number> {
  const pattern = new RegExp(`^${escapeRegExp(stem)}\\.retouch-(\\d+)(?:\\.|$)`);
  let highest = 0;
  for (const name of await readdir(dir)) {
    const match = pattern.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
