import type * as vscode from 'vscode';
import { choosePromptAndOptions, type ScriptedEdit } from '../edit/choose-prompt-and-options.js';
import { pickImages } from '../edit/pick-images.js';
import { prepareSelectedModel } from '../edit/prepare-model.js';
import { runEdit } from '../edit/run-edit.js';
import type { HistoryEntry } from '../history/history-entry.js';
import type { RetouchServices } from '../services.js';

/** Retouch: Edit Image… — one image, or several selected ones combined into one result. */
export function editImageCommand(services: RetouchServices) {
  return async (
    clicked?: vscode.Uri,
    selected?: vscode.Uri[],
    scripted?: ScriptedEdit,
  ): Promise<HistoryEntry | undefined> => {
    const images = await pickImages(clicked, selected, { many: true });
    if (!images) return undefined;
    const target = await prepareSelectedModel(services, images[0]);
    if (!target) return undefined;
    const chosen = await choosePromptAndOptions(services, target.model, images[0]!, scripted);
    if (!chosen) return undefined;
    return runEdit(services, { target, sources: images, ...chosen });
  };
}
