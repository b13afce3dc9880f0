import {
  discardCandidates,
  keepCandidate,
  parseCandidateId,
  readStoredEdit,
  replaceOriginal,
  restoreCandidates,
  undoReplace,
} from '@retouch/output';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { vscodeOutputFileSystem as fs } from '../host/workspace-fs/vscode-output-file-system.js';
import { allStudios } from '../ui/open-studios.js';
import type { StudioImage } from './studio-view.js';

/** What to tell the person after an action: a line in the Studio. */
export type ActionOutcome = { text: string } | undefined;

function idOf(candidateId: string): { editId: string; index: number } {
  const id = parseCandidateId(candidateId);
  if (!id) throw new Error('That is not a candidate of this Studio.');
  return id;
}

/** Keep: the candidate goes beside the original, under a name that says what it is an edit of. */
export async function keep(
  services: RetouchServices,
  image: StudioImage,
  candidateId: string,
): Promise<ActionOutcome> {
  const { editId, index } = idOf(candidateId);
  const kept = await keepCandidate(fs, image.root, editId, index);
  services.log.info(`Kept ${candidateId} as ${fs.display(kept.location)}.`);
  return { text: `Kept as ${kept.name}, beside ${fs.baseName(image.uri)}.` };
}

/** Replace original: after a confirmation, with Undo Replace one click away. */
export async function replace(
  services: RetouchServices,
  image: StudioImage,
  candidateId: string,
): Promise<ActionOutcome> {
  const name = fs.baseName(image.uri);
  const go = 'Replace';
  const answer = await vscode.window.showWarningMessage(
    `Replace ${name} with this candidate?`,
    {
      modal: true,
      detail: `The original is kept in the workspace's .retouch folder; Retouch: Undo Replace puts it back exactly.`,
    },
    go,
  );
  if (answer !== go) return undefined;
  const { editId, index } = idOf(candidateId);
  await replaceOriginal(fs, image.root, editId, index);
  services.log.info(`Replaced ${fs.display(image.uri)} with ${candidateId}.`);
  void vscode.window
    .showInformationMessage(`Retouch: replaced ${name}. The original is backed up.`, 'Undo Replace')
    .then((action) => {
      if (action) void vscode.commands.executeCommand('retouch.undoReplace', image.uri);
    });
  return { text: `Replaced ${name}; Undo Replace puts the original back.` };
}

export async function discard(
  image: StudioImage,
  candidateId: string,
  which: 'this' | 'others' | 'restore',
): Promise<ActionOutcome> {
  const { editId, index } = idOf(candidateId);
  if (which === 'restore') {
    await restoreCandidates(fs, image.root, editId, [index]);
    return { text: 'Brought back.' };
  }
  if (which === 'this') {
    await discardCandidates(fs, image.root, editId, [index]);
    return { text: 'Discarded. Old discarded candidates are removed after a while.' };
  }
  const edit = await readStoredEdit(fs, image.root, editId);
  const others = (edit?.candidates ?? [])
    .filter((candidate) => candidate.index !== index && candidate.status === 'new')
    .map((candidate) => candidate.index);
  const count = await discardCandidates(fs, image.root, editId, others);
  return { text: `Discarded ${count === 1 ? '1 other candidate' : `${count} other candidates`}.` };
}

/**
 * Retouch: Undo Replace — puts back the exact bytes of the original the last Replace overwrote
 * (of `image`, when given). Asks before overwriting an image changed since.
 */
export function undoReplaceCommand(services: RetouchServices) {
  return async (image?: vscode.Uri): Promise<boolean> => {
    const target = image instanceof vscode.Uri ? image : undefined;
    const folders = target
      ? [vscode.workspace.getWorkspaceFolder(target)].filter((f) => f !== undefined)
      : (vscode.workspace.workspaceFolders ?? []);
    for (const folder of folders) {
      const file = target ? fs.relative(folder.uri, target) : undefined;
      let outcome = await undoReplace(fs, folder.uri, file ? { file } : {});
      if (outcome.outcome === 'changed') {
        const go = 'Put the Original Back';
        const answer = await vscode.window.showWarningMessage(
          `${outcome.file} changed after it was replaced. Put the original back anyway?`,
          { modal: true, detail: 'The current file is overwritten.' },
          go,
        );
        if (answer !== go) return false;
        outcome = await undoReplace(fs, folder.uri, { file: outcome.file, force: true });
      }
      if (outcome.outcome === 'restored') {
        services.log.info(`Undo Replace: restored ${fs.display(outcome.image)}.`);
        void vscode.window.showInformationMessage(
          `Retouch: ${outcome.file.split('/').pop()} is back as it was.`,
        );
        for (const studio of allStudios()) await studio.refresh();
        return true;
      }
    }
    void vscode.window.showInformationMessage('Retouch: there is no replaced image to put back.');
    return false;
  };
}
