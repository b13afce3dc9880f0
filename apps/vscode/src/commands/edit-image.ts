import type { EditImageOptions } from '@retouch/core';
import type * as vscode from 'vscode';
import { pickImages } from '../edit/pick-images.js';
import { pickOptions } from '../edit/pick-options.js';
import { pickPrompt } from '../edit/pick-prompt.js';
import { prepareEdit } from '../edit/prepare-edit.js';
import { runEdit } from '../edit/run-edit.js';
import type { HistoryEntry } from '../history/history-entry.js';
import type { RetouchServices } from '../services.js';

/**
 * Lets scripts and extension-host tests run the command without the prompt and option picks:
 * `executeCommand('retouch.editImage', uri, [uri], { prompt: 'grayscale', options: { n: 1 } })`.
 */
export interface PresetEdit {
  prompt?: string;
  options?: EditImageOptions;
}

/** Retouch: Edit Image… — one image, or several selected ones combined into one result. */
export function editImageCommand(services: RetouchServices) {
  return async (
    clicked?: vscode.Uri,
    selected?: vscode.Uri[],
    preset?: PresetEdit,
  ): Promise<HistoryEntry | undefined> => {
    const images = await pickImages(clicked, selected, { many: true });
    if (!images) return undefined;
    // Settings, key and the images against the model, before the user types a prompt.
    const target = await prepareEdit(services, images);
    if (!target) return undefined;
    const prompt = preset?.prompt ?? (await pickPrompt(services.history));
    if (!prompt) return undefined;
    const options = preset?.options ?? (await pickOptions(target.model, images[0]!));
    if (!options) return undefined;
    return runEdit(services, { target, sources: images, prompt, options });
  };
}
