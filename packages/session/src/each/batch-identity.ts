import { RetouchError } from '@retouch/core';
import { type BatchIdentity, type OutputFileSystem, openBatchJournal } from '@retouch/output';
import type { EditPlan } from '../plan/edit-request.js';

/**
 * What makes two runs the same batch, and so names its journal: provider, model, prompt, the
 * options that shape a result, and the mask's content. Not the output folder: the journal lives
 * in it, so another folder is another journal anyway, and the same folder reached another way
 * (the CLI's `--out`, VS Code's setting) is the same batch for both apps.
 */
export function batchIdentity(
  plan: Pick<EditPlan<unknown>, 'provider' | 'model' | 'prompt' | 'options'>,
  maskSha256: string | undefined,
): BatchIdentity {
  return {
    provider: plan.provider.id,
    model: plan.model,
    prompt: plan.prompt,
    options: plan.options,
    ...(maskSha256 ? { maskSha256 } : {}),
  };
}

/**
 * Opens the batch's journal in `folder`. A journal from before the identity left out the output
 * folder (CLI `--out` runs) is still picked up, so nothing done in it is paid for twice.
 */
export async function openJournal<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  identity: BatchIdentity,
) {
  const journal = await openBatchJournal(fs, folder, { batch: identity });
  if (journal.known > 0) return journal;
  // The old CLI kept `--out` in the identity, and its journal in that folder.
  const legacy = await openBatchJournal(fs, folder, {
    batch: { ...identity, out: fs.absolute(folder) },
  });
  return legacy.known > 0 ? legacy : journal;
}

/** An input's key in the journal: its path from the journal's folder, `/`-separated. */
export function itemKey<Location>(
  fs: OutputFileSystem<Location>,
  journalFolder: Location,
  image: Location,
): string {
  return fs.relative(journalFolder, image) ?? fs.absolute(image);
}

/**
 * Where a batch's journal goes: the results' folder when every result goes to one, else the
 * deepest folder holding every input.
 */
export function journalFolderOf<Location>(
  fs: OutputFileSystem<Location>,
  images: readonly Location[],
  folders: readonly Location[],
): Location {
  const first = folders[0]!;
  if (folders.every((folder) => fs.display(folder) === fs.display(first))) return first;
  let candidate = fs.parent(images[0]!);
  for (;;) {
    const inside = images.every((image) => {
      const path = fs.relative(candidate, image);
      return path !== undefined && !path.startsWith('../') && !path.startsWith('/');
    });
    if (inside) return candidate;
    const up = fs.parent(candidate);
    if (fs.display(up) === fs.display(candidate)) break;
    candidate = up;
  }
  throw new RetouchError({
    code: 'invalid_request',
    message: 'The inputs share no folder (different drives?); name one folder for the results.',
    issues: [{ field: 'out', message: 'required for inputs on different drives' }],
  });
}
