import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { listStoredEdits, readStoredEdit, updateCandidateState } from './list-candidates.js';

/**
 * Marks candidates discarded: the Studio stops offering them, and `cleanupDiscarded` may remove
 * their files later. Nothing is deleted here. Returns how many were discarded.
 */
export async function discardCandidates<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  editId: string,
  indexes: readonly number[],
  now = new Date(),
): Promise<number> {
  const edit = await readStoredEdit(fs, root, editId);
  if (!edit) return 0;
  const known = new Set(edit.candidates.map((candidate) => candidate.index));
  let count = 0;
  await updateCandidateState(fs, edit, (state) => {
    for (const index of indexes) {
      if (!known.has(index) || state.discarded[index]) continue;
      state.discarded[index] = now.toISOString();
      count++;
    }
  });
  return count;
}

/** Brings discarded candidates back. */
export async function restoreCandidates<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  editId: string,
  indexes: readonly number[],
): Promise<void> {
  const edit = await readStoredEdit(fs, root, editId);
  if (!edit) return;
  await updateCandidateState(fs, edit, (state) => {
    for (const index of indexes) delete state.discarded[index];
  });
}

/**
 * Removes the files of discarded candidates beyond the `keep` most recently discarded ones, in
 * the whole store. Only candidates the user discarded are ever removed; kept and new ones stay.
 * Returns how many files were removed.
 */
export async function cleanupDiscarded<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  keep: number,
  now = new Date(),
): Promise<number> {
  const edits = await listStoredEdits(fs, root);
  const discarded = edits
    .flatMap((edit) =>
      edit.candidates
        .filter((candidate) => candidate.status === 'discarded')
        .map((candidate) => ({ edit, candidate })),
    )
    .sort((a, b) => b.candidate.discardedAt!.localeCompare(a.candidate.discardedAt!));
  const removed = discarded.slice(Math.max(0, keep));
  for (const { edit, candidate } of removed) {
    await fs.delete(candidate.location);
    await updateCandidateState(fs, edit, (state) => {
      state.removed[candidate.index] = now.toISOString();
    });
  }
  return removed.length;
}
