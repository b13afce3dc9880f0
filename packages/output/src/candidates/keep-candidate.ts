import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { outputExtension } from '../naming/output-names.js';
import { writeNewOutput } from '../write/write-new-output.js';
import { readStoredEdit, updateCandidateState } from './list-candidates.js';
import { repointRecord } from './repoint-record.js';

/**
 * The stem a kept candidate is numbered under: the whole name of the image it is an edit of,
 * without the extension. An edit of `photo.jpg` is kept as `photo.edit-1.jpg`; an edit of that
 * kept file as `photo.edit-1.edit-1.jpg`, so it never looks like a sibling of `photo.edit-2.jpg`.
 */
export function keptStem(imageName: string): string {
  const dot = imageName.lastIndexOf('.');
  return dot > 0 ? imageName.slice(0, dot) : imageName;
}

/** The chain's image (relative to `root`, `/`-separated) as a location. */
export function chainRootLocation<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  chainRoot: string,
): Location {
  return chainRoot.split('/').reduce((folder, segment) => fs.child(folder, segment), root);
}

export interface KeptCandidate<Location> {
  location: Location;
  name: string;
}

/**
 * Writes a candidate beside the image its chain started from, as the first free
 * `<image name>.edit-N.<ext>` (never overwriting anything), with its record saying where its
 * inputs are from there. The candidate stays in the store, marked kept.
 */
export async function keepCandidate<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  editId: string,
  index: number,
): Promise<KeptCandidate<Location>> {
  const edit = await readStoredEdit(fs, root, editId);
  const candidate = edit?.candidates.find((entry) => entry.index === index);
  if (!edit || !candidate) throw new Error('That candidate is no longer in the store.');
  const image = chainRootLocation(fs, root, edit.manifest.root);
  const folder = fs.parent(image);
  const imageName = fs.baseName(image);
  const data = await fs.readFile(candidate.location);
  const written = await writeNewOutput(fs, folder, {
    sourceName: imageName,
    stem: keptStem(imageName),
    kind: 'edit',
    extension: outputExtension(candidate.mediaType, imageName),
    data: (name) =>
      repointRecord(fs, data, candidate.mediaType, candidate.location, { folder, name }),
  });
  await updateCandidateState(fs, edit, (state) => {
    state.kept[index] = [...(state.kept[index] ?? []), written.name];
    delete state.discarded[index];
  });
  return { location: written.location, name: written.name };
}
