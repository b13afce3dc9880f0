import type * as vscode from 'vscode';
import { choosePromptAndOptions, type ScriptedEdit } from '../edit/choose-prompt-and-options.js';
import { prepareEdit } from '../edit/prepare-edit.js';
import type { RetouchServices } from '../host/services.js';
import type { EachMode } from '../ui/confirm-each-run.js';
import { pickImages } from '../ui/pick-images.js';
import { type EachRun, runEachEdit } from './run-each-edit.js';

/**
 * Retouch: Edit Each… — the selected images each edited on their own with one prompt and one
 * set of options (Edit Image… combines them into one result instead). Scripts and tests may pass
 * the prompt and options: `executeCommand('retouch.editEach', uri, uris, { prompt, options })`.
 */
export function editEachCommand(services: RetouchServices) {
  return async (
    clicked?: vscode.Uri,
    selected?: vscode.Uri[],
    scripted?: ScriptedEdit & { mode?: EachMode },
  ): Promise<EachRun | undefined> => {
    const images = await pickImages(clicked, selected, { many: true });
    if (!images) return undefined;
    // Settings, key and every image against the model, before the user types a prompt.
    const target = await prepareEdit(services, images, { each: true });
    if (!target) return undefined;
    const chosen = await choosePromptAndOptions(services, target.model, images[0]!, scripted);
    if (!chosen) return undefined;
    // The session estimates the cost and asks before anything is sent: where the model has a
    // batch API, now at the live price or at half price within 24 h (OpenAI's Batch API).
    return runEachEdit(services, {
      target,
      sources: images,
      ...chosen,
      ...(scripted?.mode ? { mode: scripted.mode } : {}),
    });
  };
}
