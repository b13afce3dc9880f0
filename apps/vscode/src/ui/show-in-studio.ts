import { cleanupDiscarded } from '@retouch/output';
import { type DeliveredEdit, formatCost } from '@retouch/session';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { keepDiscardedCount } from '../host/settings.js';
import type { StudioTarget } from '../host/studio-target.js';
import { vscodeOutputFileSystem as fs } from '../host/workspace-fs/vscode-output-file-system.js';
import { showRescuedResults } from '../ui/show-rescued-results.js';
import { studiosOf } from './open-studios.js';
import { preparedInputsNote } from './prepared-inputs-note.js';

/** What a person reads for the provider and model, kept in the store beside the ids. */
export interface DisplayNames {
  providerName: string;
  modelName: string;
}

/**
 * After the session kept an edit's results as candidates in the store of the workspace folder
 * (nothing appears beside the image; the history has them already): says so, refreshes the
 * image's open Studios and brings its Studio to the front. A result the store could not take was
 * rescued to Retouch's own storage, and this says where.
 */
export async function showInStudio(
  services: RetouchServices,
  target: StudioTarget,
  delivered: DeliveredEdit<vscode.Uri>,
): Promise<void> {
  const { delivery } = delivered;
  const original = vscode.Uri.joinPath(target.root, ...target.chainRoot.split('/'));
  const rescued = delivery.outputs.filter((output) => output.rescued);
  if (rescued.length > 0 || delivery.lost.length > 0) {
    showRescuedResults(
      services,
      delivery,
      `Retouch: ${rescued.length} of the results could not be kept in the Studio's folder (.retouch).`,
    );
  }
  const stored = delivery.outputs.length - rescued.length;
  if (stored > 0) {
    const cost =
      delivered.cost && delivered.cost.kind !== 'unknown'
        ? ` · cost ${formatCost(delivered.cost)}`
        : '';
    const what = stored === 1 ? '1 candidate' : `${stored} candidates`;
    services.log.info(`${what} for ${target.chainRoot} in the Studio${cost}.`);
    // Said first: the candidates are on disk, and opening the Studio can take a moment.
    const prepared = preparedInputsNote(delivery.outputs.find((output) => !output.rescued));
    void vscode.window.showInformationMessage(
      `Retouch: ${what} for ${target.chainRoot.split('/').pop()} in the Studio${cost}${prepared}.`,
    );
    for (const studio of studiosOf(target.root, target.chainRoot)) await studio.refresh();
    // Opens the image's Studio, or brings it to the front when it is open already.
    await vscode.commands.executeCommand('vscode.openWith', original, 'retouch.studio', {
      preview: false,
    });
  }
  void cleanupDiscarded(fs, target.root, keepDiscardedCount()).catch((error: unknown) =>
    services.log.warn(`Cleanup of discarded candidates: ${String(error)}`),
  );
}
