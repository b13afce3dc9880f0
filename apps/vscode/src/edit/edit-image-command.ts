import type * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import type { HistoryEntry } from '../host/state/history-entry.js';
import { pickImages } from '../ui/pick-images.js';
import { choosePromptAndOptions, type ScriptedEdit } from './choose-prompt-and-options.js';
import { prepareEdit } from './prepare-edit.js';
import { runEdit } from './run-edit.js';

/** Retouch: Edit Image… — one image, or several selected ones combined into one result. */
export function editImageCommand(services: RetouchServices) {
  return async (
    clicked?: vscode.Uri,
    selected?: vscode.Uri[],
    scripted?: ScriptedEdit,
  ): Promise<HistoryEntry | undefined> => {
    const images = await pickImages(clicked, selected, { many: true });
    if (!images) return undefined;
    // Settings, key and the images against the model, before the user types a prompt.
    const target = await prepareEdit(services, images);
    if (!target) return undefined;
    const chosen = await choosePromptAndOptions(services, target.model, images[0]!, scripted);
    if (!chosen) return undefined;
    return runEdit(services, { target, sources: images, ...chosen });
  };
}
