import * as z from 'zod/mini';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { sha256Hex } from '../hash/sha256.js';
import { chainRootLocation } from './keep-candidate.js';
import { readStoredEdit, updateCandidateState } from './list-candidates.js';
import { repointRecord } from './repoint-record.js';
import { openStoreFolder, readStoreJson, storeFolder, writeStoreJson } from './store-folder.js';

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

const backupSchema = z.object({
  schema: z.literal('retouch.backup/v1'),
  /** The replaced image, relative to the store's root, `/`-separated. */
  file: text(1, 4096),
  /** The original's bytes, in the backup's folder. */
  backup: text(1, 255),
  originalSha256: text(0, 128),
  replacementSha256: text(0, 128),
  candidate: text(0, 200),
  replacedAt: text(0, 64),
  restoredAt: z.optional(text(0, 64)),
});

export type ReplaceBackup = z.infer<typeof backupSchema>;

export interface ReplacedOriginal<Location> {
  image: Location;
  /** The folder under `.retouch/backups/` holding the original's exact bytes. */
  backupFolder: Location;
}

/**
 * Replaces the image a candidate's chain started from with the candidate. The original's exact
 * bytes go to `.retouch/backups/<when>/` first (and the replacement's record points there), so
 * `undoReplace` can put them back.
 */
export async function replaceOriginal<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  editId: string,
  index: number,
  now = new Date(),
): Promise<ReplacedOriginal<Location>> {
  const edit = await readStoredEdit(fs, root, editId);
  const candidate = edit?.candidates.find((entry) => entry.index === index);
  if (!edit || !candidate) throw new Error('That candidate is no longer in the store.');
  const image = chainRootLocation(fs, root, edit.manifest.root);
  const original = await fs.readFile(image);
  const backups = await openStoreFolder(fs, root, 'backups');
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const backupFolder = fs.child(backups, `${stamp}-${sha256Hex(original).slice(0, 8)}`);
  await fs.createFolder(backupFolder);
  const backupName = fs.baseName(image);
  const backupFile = fs.child(backupFolder, backupName);
  await fs.writeFile(backupFile, original);
  const written = await fs.readFile(backupFile);
  if (sha256Hex(written) !== sha256Hex(original)) {
    throw new Error(
      'The backup of the original could not be written exactly; nothing was replaced.',
    );
  }
  const replacement = repointRecord(
    fs,
    await fs.readFile(candidate.location),
    candidate.mediaType,
    candidate.location,
    { folder: fs.parent(image), name: fs.baseName(image) },
    { source: backupFile },
  );
  const backup: ReplaceBackup = {
    schema: 'retouch.backup/v1',
    file: edit.manifest.root,
    backup: backupName,
    originalSha256: sha256Hex(original),
    replacementSha256: sha256Hex(replacement),
    candidate: candidate.id,
    replacedAt: now.toISOString(),
  };
  await writeStoreJson(fs, fs.child(backupFolder, 'backup.json'), backup);
  await fs.writeFile(image, replacement);
  await updateCandidateState(fs, edit, (state) => {
    state.kept[index] = [...(state.kept[index] ?? []), fs.baseName(image)];
    delete state.discarded[index];
  });
  return { image, backupFolder };
}

export type UndoReplaceOutcome<Location> =
  | { outcome: 'restored'; image: Location; file: string }
  | { outcome: 'nothing' }
  /** The image was changed after the replace; `force` restores anyway. */
  | { outcome: 'changed'; image: Location; file: string };

/**
 * Puts back the exact bytes of the most recently replaced original (of `file`, relative to the
 * store's root, when given). Refuses, without `force`, when the image changed since the replace.
 */
export async function undoReplace<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  options: { file?: string; force?: boolean } = {},
  now = new Date(),
): Promise<UndoReplaceOutcome<Location>> {
  const backups = fs.child(storeFolder(fs, root), 'backups');
  const names = (await fs.list(backups))
    .filter((name) => !name.startsWith('.'))
    .sort()
    .reverse();
  for (const name of names) {
    const folder = fs.child(backups, name);
    const parsed = backupSchema.safeParse(await readStoreJson(fs, fs.child(folder, 'backup.json')));
    if (!parsed.success) continue;
    const backup = parsed.data;
    if (backup.restoredAt || (options.file !== undefined && backup.file !== options.file)) continue;
    if (/[/\\]/.test(backup.backup) || backup.file.split('/').includes('..')) continue;
    const image = chainRootLocation(fs, root, backup.file);
    const current = (await fs.exists(image)) ? sha256Hex(await fs.readFile(image)) : undefined;
    if (
      current !== backup.replacementSha256 &&
      current !== backup.originalSha256 &&
      !options.force
    ) {
      return { outcome: 'changed', image, file: backup.file };
    }
    const original = await fs.readFile(fs.child(folder, backup.backup));
    if (sha256Hex(original) !== backup.originalSha256) continue;
    await fs.writeFile(image, original);
    await writeStoreJson(fs, fs.child(folder, 'backup.json'), {
      ...backup,
      restoredAt: now.toISOString(),
    });
    return { outcome: 'restored', image, file: backup.file };
  }
  return { outcome: 'nothing' };
}
