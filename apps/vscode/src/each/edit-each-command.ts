import { estimateEditCost } from '@retouch/core';
import { batchApiOf } from '@retouch/core/batch-api';
import type * as vscode from 'vscode';
import { choosePromptAndOptions, type ScriptedEdit } from '../edit/choose-prompt-and-options.js';
import { pickImages } from '../edit/pick-images.js';
import { prepareEdit } from '../edit/prepare-edit.js';
import type { RetouchServices } from '../services.js';
import { confirmEachRun, type EachMode } from './confirm-each-run.js';
import { modelPricing } from './cost-settings.js';
import { runBatchApiEach } from './run-batch-api-each.js';
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
    const { prompt, options } = chosen;
    const perEdit = estimateEditCost({
      model: target.model.id,
      pricing: modelPricing(target.model, services.log),
      n: options.n,
      size: options.size,
      quality: options.quality,
    });
    const estimate =
      perEdit.kind === 'estimate'
        ? {
            ...perEdit,
            amount: perEdit.amount * images.length,
            basis: `${images.length} × (${perEdit.basis})`,
          }
        : perEdit;
    const count = `${images.length} Image${images.length === 1 ? '' : 's'}`;
    // Half price within 24 h, where the model has a batch API (OpenAI's Batch API).
    const factor = batchApiOf(target.prepared.provider)?.priceFactor(target.model.id);
    const mode = await confirmEachRun(
      estimate,
      `Edit ${count}`,
      factor === undefined ? undefined : { factor },
      scripted?.mode,
    );
    if (!mode) return undefined;
    await services.history.rememberPrompt(prompt);
    const plan = { target, sources: images, prompt, options };
    return mode === 'batch'
      ? runBatchApiEach(services, { ...plan, batch: true })
      : runEachEdit(services, plan);
  };
}
