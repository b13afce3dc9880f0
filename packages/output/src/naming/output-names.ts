/**
 * What a written file is: an edit result, a mask or marked-up copy painted for one, or a Studio
 * candidate kept beside the original (`edit`).
 */
export type OutputKind = 'retouch' | 'mask' | 'markup' | 'edit';

const previousSuffix = /\.(?:retouch|mask|markup)-\d+$/;

/**
 * The stem result names are built from. `hero.png` → `hero`; a result or painted mask loses its
 * suffix too (`hero.retouch-3.png` → `hero`), so editing a result again gives
 * `hero.retouch-4.png`, not `hero.retouch-3.retouch-1.png`. Its record still names the file it
 * came from.
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

/** The sidecar that may sit beside a result: `hero.retouch-2.png.json`. */
export function sidecarName(resultName: string): string {
  return `${resultName}.json`;
}

/**
 * The file extension for a result: `jpg` for JPEG, or `jpeg` when the source is spelled that way;
 * otherwise the format's usual one.
 */
export function outputExtension(mediaType: string, sourceName: string): string {
  switch (mediaType) {
    case 'image/jpeg':
      return /\.jpeg$/i.test(sourceName) ? 'jpeg' : 'jpg';
    case 'image/webp':
      return 'webp';
    case 'image/gif':
      return 'gif';
    default:
      return 'png';
  }
}

const resultNamePattern = /^(.+)\.retouch-(\d+)\.(png|jpe?g|webp|gif)$/i;

/** `hero.retouch-3.jpg` → `{ stem: 'hero', n: 3, extension: 'jpg' }`; other names → undefined. */
export function parseResultName(
  name: string,
): { stem: string; n: number; extension: string } | undefined {
  const match = resultNamePattern.exec(name);
  if (!match) return undefined;
  return { stem: match[1]!, n: Number(match[2]), extension: match[3]! };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One past the highest `stem.kind-N` among `names`, whatever follows N (another extension, a
 * sidecar), so numbers follow the order of edits: after `hero.retouch-2.png` a JPEG result is
 * `hero.retouch-3.jpg`, never a second `-1`.
 */
export function nextOutputNumber(names: Iterable<string>, stem: string, kind: OutputKind): number {
  const pattern = new RegExp(`^${escapeRegExp(stem)}\\.${kind}-(\\d+)(?:\\.|$)`);
  let highest = 0;
  for (const name of names) {
    const n = Number(pattern.exec(name)?.[1]);
    if (Number.isSafeInteger(n)) highest = Math.max(highest, n);
  }
  return highest + 1;
}
