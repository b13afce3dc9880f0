import type { OutputFileSystem } from '../file-system/output-file-system.js';
import {
  type CandidateManifest,
  type CandidateState,
  parseCandidateManifest,
  parseCandidateState,
} from './candidate-manifest.js';
import { readStoreJson, storeFolder, writeStoreJson } from './store-folder.js';

/** One candidate of an edit, as the Studio shows it. */
export interface Candidate<Location> {
  /** `<editId>/<index>`: how the apps name a candidate to each other. */
  id: string;
  editId: string;
  index: number;
  location: Location;
  file: string;
  width: number;
  height: number;
  mediaType: string;
  status: 'new' | 'kept' | 'discarded';
  /** Names it was kept as, beside the original. */
  keptAs: string[];
  discardedAt?: string;
}

/** An edit in the store with its candidates (those whose file was cleaned up are left out). */
export interface StoredEdit<Location> {
  manifest: CandidateManifest;
  state: CandidateState;
  folder: Location;
  candidates: Candidate<Location>[];
}

export function candidateId(editId: string, index: number): string {
  return `${editId}/${index}`;
}

export function parseCandidateId(id: string): { editId: string; index: number } | undefined {
  const match = /^([\w-][\w.-]{0,127})\/(\d{1,3})$/.exec(id);
  return match ? { editId: match[1]!, index: Number(match[2]) } : undefined;
}

/** One edit of the store, or undefined when it is not there (or its manifest is unreadable). */
export async function readStoredEdit<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  editId: string,
): Promise<StoredEdit<Location> | undefined> {
  const folder = fs.child(fs.child(storeFolder(fs, root), 'candidates'), editId);
  const manifest = parseCandidateManifest(await readStoreJson(fs, fs.child(folder, 'edit.json')));
  if (!manifest || manifest.editId !== editId) return undefined;
  const state = parseCandidateState(await readStoreJson(fs, fs.child(folder, 'state.json')));
  const candidates = manifest.candidates
    .filter((entry) => state.removed[entry.index] === undefined && isPlainName(entry.file))
    .map((entry): Candidate<Location> => {
      const discardedAt = state.discarded[entry.index];
      const keptAs = state.kept[entry.index] ?? [];
      return {
        id: candidateId(editId, entry.index),
        editId,
        index: entry.index,
        location: fs.child(folder, entry.file),
        file: entry.file,
        width: entry.width,
        height: entry.height,
        mediaType: entry.mediaType,
        status: discardedAt ? 'discarded' : keptAs.length > 0 ? 'kept' : 'new',
        keptAs,
        ...(discardedAt ? { discardedAt } : {}),
      };
    });
  return { manifest, state, folder, candidates };
}

/** A name from a manifest that stays inside its folder. */
function isPlainName(name: string): boolean {
  return !/[/\\]/.test(name) && name !== '.' && name !== '..';
}

/**
 * Every edit in the store, oldest first; with `chainRoot` (a workspace image relative to `root`,
 * `/`-separated) only the edits of that image's chain. Unreadable entries are skipped.
 */
export async function listStoredEdits<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  filter: { chainRoot?: string } = {},
): Promise<StoredEdit<Location>[]> {
  const candidates = fs.child(storeFolder(fs, root), 'candidates');
  const edits: StoredEdit<Location>[] = [];
  for (const name of await fs.list(candidates)) {
    if (name.startsWith('.')) continue;
    const edit = await readStoredEdit(fs, root, name);
    if (!edit) continue;
    if (filter.chainRoot !== undefined && edit.manifest.root !== filter.chainRoot) continue;
    edits.push(edit);
  }
  return edits.sort(
    (a, b) =>
      a.manifest.createdAt.localeCompare(b.manifest.createdAt) ||
      a.manifest.editId.localeCompare(b.manifest.editId),
  );
}

/** Changes an edit's `state.json`: read, change, write back. */
export async function updateCandidateState<Location>(
  fs: OutputFileSystem<Location>,
  edit: StoredEdit<Location>,
  change: (state: CandidateState) => void,
): Promise<CandidateState> {
  const state = parseCandidateState(await readStoreJson(fs, fs.child(edit.folder, 'state.json')));
  change(state);
  await writeStoreJson(fs, fs.child(edit.folder, 'state.json'), state);
  edit.state = state;
  return state;
}
