import type { OutputFileSystem } from './output-file-system.js';

/** What a written file is: an edit result, or a mask or marked-up copy painted for one. */
export type OutputKind = 'retouch' | 'mask' | 'markup';

const previousSuffix = /\.(?:retouch|mask|markup)-\d+$/;

/**
 * `hero.png` → `hero`; `hero.retouch-3.png` → `hero`, so editing a result again gives
 * `hero.retouch-4.png` rather than `hero.retouch-3.retouch-1.png`.
 */
export function outputStem(sourceName: string): string {
  const dot = sourceName.lastIndexOf('.');
  const stem = dot > 0 ? sourceName.slice(0, dot) : sourceName;
  return stem.replace(previousSuffix, '') || stem;
}

/** `hero`, `retouch`, 2, `png` → `hero.retouch-2.png`. */
export function outputName(stem: string, kind: OutputKind, n: number, extension: string): string {
  return `${stem}.${kind}-${n}.${extension}`;
}

/** The sidecar that records how a result was made: `hero.retouch-2.png.json`. */
export function sidecarName(resultName: string): string {
  return `${resultName}.json`;
}

/**
 * One past the highest `stem.kind-N` already in the folder, whatever its extension, so the
 * numbers follow the order of edits: after `hero.retouch-2.png` a JPEG result is
 * `hero.retouch-3.jpg`, never a second `-1`.
 */
function nextAfterHighest(names: readonly string[], stem: string, kind: OutputKind): number {
  const prefix = `${stem}.${kind}-`;
  let highest = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const n = Number(/^\d+/.exec(name.slice(prefix.length))?.[0]);
    if (Number.isSafeInteger(n)) highest = Math.max(highest, n);
  }
  return highest + 1;
}

/** Beyond this many taken names something is wrong (a loop, a broken file system); stop. */
const maxAttempts = 10_000;

/**
 * The first `N` from `startAt` for which neither the output nor its sidecar exists. A name that
 * is free now can still be taken before it is written; `writeNewOutput` handles that race.
 */
export async function findFreeOutputNumber<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  stem: string,
  kind: OutputKind,
  extension: string,
  startAt?: number,
): Promise<number> {
  startAt ??= nextAfterHighest(await fs.list(folder), stem, kind);
  for (let n = startAt; n < startAt + maxAttempts; n++) {
    const name = outputName(stem, kind, n, extension);
    const taken =
      (await fs.exists(fs.child(folder, name))) ||
      (await fs.exists(fs.child(folder, sidecarName(name))));
    if (!taken) return n;
  }
  throw new Error(
    `No free output name for ${stem}.${kind}-N.${extension} after ${maxAttempts} tries.`,
  );
}
