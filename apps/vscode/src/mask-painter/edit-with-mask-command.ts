import * as vscode from 'vscode';
import { checkSources } from '../edit/check-sources.js';
import { choosePromptAndOptions, type ScriptedEdit } from '../edit/choose-prompt-and-options.js';
import { prepareEdit } from '../edit/prepare-edit.js';
import { runEdit } from '../edit/run-edit.js';
import type { RetouchServices } from '../host/services.js';
import type { HistoryEntry } from '../host/state/history-entry.js';
import { pickImages } from '../ui/pick-images.js';
import { pickMask } from './pick-mask.js';

/** Retouch: Edit with Mask… — change only the area a mask file or a painted mask marks. */
export function editWithMaskCommand(services: RetouchServices) {
  return async (
    clicked?: vscode.Uri,
    _selected?: vscode.Uri[],
    scripted?: ScriptedEdit & { mask?: vscode.Uri },
  ): Promise<HistoryEntry | undefined> => {
    const [image] =
      (await pickImages(clicked, undefined, { many: false, purpose: 'a Mask' })) ?? [];
    if (!image) return undefined;
    const target = await prepareEdit(services, [image]);
    if (!target) return undefined;
    if (!target.model.capabilities.mask) {
      void vscode.window
        .showErrorMessage(
          `Retouch: the model "${target.model.id}" does not take a mask.`,
          'Select Provider and Model',
        )
        .then(
          (action) => action && vscode.commands.executeCommand('retouch.selectProviderAndModel'),
        );
      return undefined;
    }
    const mask = scripted?.mask ?? (await pickMask(services, image));
    if (!mask) return undefined;
    if (!(await checkSources(services, target, [image], mask))) return undefined;
    const chosen = await choosePromptAndOptions(services, target.model, image, scripted);
    if (!chosen) return undefined;
    return runEdit(services, { target, sources: [image], mask, ...chosen });
  };
}
