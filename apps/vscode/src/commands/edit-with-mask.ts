import * as vscode from 'vscode';
import { checkSources } from '../edit/check-sources.js';
import { pickImages } from '../edit/pick-images.js';
import { pickOptions } from '../edit/pick-options.js';
import { pickPrompt } from '../edit/pick-prompt.js';
import { prepareEdit } from '../edit/prepare-edit.js';
import { runEdit } from '../edit/run-edit.js';
import type { HistoryEntry } from '../history/history-entry.js';
import { pickMask } from '../mask-painter/pick-mask.js';
import type { RetouchServices } from '../services.js';
import type { PresetEdit } from './edit-image.js';

/** Retouch: Edit with Mask… — change only the area a mask file or a painted mask marks. */
export function editWithMaskCommand(services: RetouchServices) {
  return async (
    clicked?: vscode.Uri,
    _selected?: vscode.Uri[],
    preset?: PresetEdit & { mask?: vscode.Uri },
  ): Promise<HistoryEntry | undefined> => {
    const [image] = (await pickImages(clicked, undefined, { many: false })) ?? [];
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
    const mask = preset?.mask ?? (await pickMask(services, image));
    if (!mask) return undefined;
    if (!(await checkSources(services, target, [image], mask))) return undefined;
    const prompt = preset?.prompt ?? (await pickPrompt(services.history));
    if (!prompt) return undefined;
    const options = preset?.options ?? (await pickOptions(target.model, image));
    if (!options) return undefined;
    return runEdit(services, { target, sources: [image], mask, prompt, options });
  };
}
