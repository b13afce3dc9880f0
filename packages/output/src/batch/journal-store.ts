import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { tempName } from '../write/temp-name.js';

/** Writes `data` under `name` in one step: a temporary file, then a rename over the old one. */
export async function replaceAtomically<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  name: string,
  data: Uint8Array,
): Promise<void> {
  const temp = fs.child(folder, tempName(name));
  const target = fs.child(folder, name);
  try {
    await fs.writeFile(temp, data);
    if (fs.replaceFile) {
      await fs.replaceFile(temp, target);
      return;
    }
    // Without an atomic replace, for a moment only the temporary file holds the journal;
    // `readNewestCopy` looks there too, so a crash in between loses nothing.
    await fs.delete(target);
    if ((await fs.renameNoOverwrite(temp, target)) === 'exists') {
      throw new Error(`${fs.display(target)} reappeared while it was being replaced`);
    }
  } catch (error) {
    await fs.delete(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * The newest readable copy of a journal: the file itself, or a temporary file a crash left
 * (copies carry a `revision`; the highest wins). Leftover temporary files are removed.
 */
export async function readNewestCopy<Location, File extends { revision: number }>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  name: string,
  options: {
    parse(bytes: Uint8Array): File | undefined;
    maxBytes: number;
    unreadable: (display: string) => string;
  },
  notes: string[],
): Promise<File | undefined> {
  const names = await fs.list(folder);
  const temps = names.filter((entry) => entry.startsWith(`.${name}.`) && entry.endsWith('.tmp'));
  const candidates = [...(names.includes(name) ? [name] : []), ...temps];
  let newest: File | undefined;
  for (const candidate of candidates) {
    const location = fs.child(folder, candidate);
    const bytes = await (fs.readStart
      ? fs.readStart(location, options.maxBytes + 1)
      : fs.readFile(location)
    ).catch(() => undefined);
    const parsed = bytes && bytes.byteLength <= options.maxBytes ? options.parse(bytes) : undefined;
    if (parsed && (!newest || parsed.revision > newest.revision)) newest = parsed;
    if (!parsed && candidate === name) notes.push(options.unreadable(fs.display(location)));
  }
  for (const temp of temps) await fs.delete(fs.child(folder, temp)).catch(() => undefined);
  return newest;
}

/**
 * Coalesced writes: while one is on its way, later requests wait and go out together in the
 * next, so a burst of entries costs two writes, not one each. With `gapMs`, a write also waits
 * until that long after the previous one started: each write is the whole journal, so a job
 * recording thousands of entries in a row would otherwise rewrite (and allocate) it once per
 * entry, and its memory would grow with its size. `settled()` ends the wait at once.
 */
export function coalescedWriter(
  write: () => Promise<void>,
  options: { gapMs?: number | (() => number) } = {},
): {
  schedule(): Promise<void>;
  settled(): Promise<void>;
} {
  const gap = options.gapMs ?? 0;
  const gapMs = () => (typeof gap === 'function' ? gap() : gap);
  let inFlight: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;
  let hurry: (() => void) | undefined;
  const pause = (): Promise<void> | undefined => {
    const wait = lastStart + gapMs() - performance.now();
    if (wait <= 0) return undefined;
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        hurry = undefined;
        resolve();
      };
      const timer = setTimeout(done, wait);
      hurry = done;
    });
  };
  return {
    schedule() {
      if (queued) return queued;
      const before = inFlight ?? Promise.resolve();
      const next: Promise<void> = before
        .catch(() => undefined)
        .then(pause)
        .then(() => {
          queued = undefined;
          inFlight = next;
          lastStart = performance.now();
          return write();
        })
        .finally(() => {
          if (inFlight === next) inFlight = undefined;
        });
      queued = next;
      return next;
    },
    async settled() {
      // Whatever is waiting goes out now.
      lastStart = Number.NEGATIVE_INFINITY;
      hurry?.();
      await (queued ?? inFlight)?.catch(() => undefined);
    },
  };
}
