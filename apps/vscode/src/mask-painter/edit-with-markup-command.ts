import type * as vscode from 'vscode';
import { checkSources } from '../edit/check-sources.js';
import { choosePromptAndOptions, type ScriptedEdit } from '../edit/choose-prompt-and-options.js';
import { prepareEdit } from '../edit/prepare-edit.js';
import { runEdit } from '../edit/run-edit.js';
import type { RetouchServices } from '../host/services.js';
import type { HistoryEntry } from '../host/state/history-entry.js';
import { pickImages } from '../ui/pick-images.js';
import { openPainter } from './mask-painter-panel.js';

/**
 * Retouch: Edit with Markup… — draw on the image what to change (box it, circle it, point at
 * it, label it), optionally paint a mask for where, then say what to do: "remove this".
 */
export function editWithMarkupCommand(services: RetouchServices) {
  return async (
    clicked?: vscode.Uri,
    _selected?: vscode.Uri[],
    scripted?: ScriptedEdit & { markup?: vscode.Uri; mask?: vscode.Uri },
  ): Promise<HistoryEntry | undefined> => {
    const [image] =
      (await pickImages(clicked, undefined, { many: false, purpose: 'Markup' })) ?? [];
    if (!image) return undefined;
    const target = await prepareEdit(services, [image]);
    if (!target) return undefined;
    const painting = scripted?.markup
      ? { markup: scripted.markup, ...(scripted.mask ? { mask: scripted.mask } : {}) }
      : await openPainter(services, image, {
          mode: 'markup',
          maskTools: target.model.capabilities.mask,
        });
    if (!painting?.markup) return undefined;
    if (painting.mask && !(await checkSources(services, target, [image], painting.mask))) {
      return undefined;
    }
    const chosen = await choosePromptAndOptions(services, target.model, image, scripted);
    if (!chosen) return undefined;
    return runEdit(services, {
      target,
      sources: [image],
      markup: painting.markup,
      ...(painting.mask ? { mask: painting.mask } : {}),
      ...chosen,
    });
  };
}
