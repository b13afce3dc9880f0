import { formatCost } from '@retouch/core';
import { addCandidates, cleanupDiscarded } from '@retouch/output';
import * as vscode from 'vscode';
import {
  type DeliveredEdit,
  type DeliveryPlan,
  deliverEditResults,
  editDescription,
  logDelivery,
  rescueFolder,
  showResults,
} from '../edit/deliver-results.js';
import { historyEntryFromDelivery } from '../history/history-entry.js';
import { showRescuedResults } from '../output/show-rescued-results.js';
import { vscodeOutputFileSystem as fs } from '../output/vscode-output-file-system.js';
import type { RetouchServices } from '../services.js';
import { studiosOf } from './studio-hub.js';
import { keepDiscardedCount, type StudioTarget } from './studio-target.js';

/** What a person reads for the provider and model, kept in the store beside the ids. */
export interface DisplayNames {
  providerName: string;
  modelName: string;
}

/**
 * Keeps an edit's results as candidates in the store of the workspace folder (nothing appears
 * beside the image), adds the edit to the history, and opens the Studio of the image, where they
 * show. A result the store cannot take is rescued to Retouch's own storage and said so.
 */
export async function deliverToStudio(
  services: RetouchServices,
  target: StudioTarget,
  plan: DeliveryPlan,
  names: DisplayNames,
): Promise<DeliveredEdit> {
  let added: Awaited<ReturnType<typeof addCandidates<vscode.Uri>>>;
  try {
    added = await addCandidates({
      fs,
      root: target.root,
      chainRoot: target.chainRoot,
      source: target.source,
      sourceName: plan.sourceName,
      result: plan.result,
      edit: editDescription(services, plan),
      rescueFolder: rescueFolder(services),
      secrets: plan.secrets,
      ...names,
    });
  } catch (error) {
    // The store itself could not be made (a read-only folder): the paid results still go
    // somewhere, beside the image or to the rescue folder, and say so.
    services.log.error(
      `The Studio's folder could not take the results (${error instanceof Error ? error.message : String(error)}); writing them as files instead.`,
    );
    const delivered = await deliverEditResults(services, plan);
    await showResults(services, delivered);
    return delivered;
  }
  const { delivery } = added;
  logDelivery(services, { outputFolder: added.folder }, delivery);
  const entry = historyEntryFromDelivery(delivery, plan);
  if (entry) await services.history.add(entry);
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
    const cost = entry?.cost ? ` · cost ${formatCost(entry.cost)}` : '';
    const what = stored === 1 ? '1 candidate' : `${stored} candidates`;
    services.log.info(`${what} for ${target.chainRoot} in the Studio${cost}.`);
    // Said first: the candidates are on disk, and opening the Studio can take a moment.
    void vscode.window.showInformationMessage(
      `Retouch: ${what} for ${target.chainRoot.split('/').pop()} in the Studio${cost}.`,
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
  return { delivery, ...(entry ? { entry } : {}), original };
}
