import {
  type EditCost,
  type EditImageOptions,
  type EditImageResult,
  formatCost,
} from '@retouch/core';
import { type DeliveredImage, type Delivery, deliverResults, deliveryError } from '@retouch/output';
import * as vscode from 'vscode';
import {
  type HistoryEntry,
  historyEntryFromDelivery,
  type RecordedFile,
  type RecordedMarkupFile,
  recordToolName,
} from '../history/history-entry.js';
import { showRescuedResults } from '../output/show-rescued-results.js';
import { vscodeOutputFileSystem as fs } from '../output/vscode-output-file-system.js';
import type { RetouchServices } from '../services.js';
import { outputSidecarWanted } from '../settings.js';
import { besideColumn } from './beside-column.js';

export interface DeliveryPlan {
  editId: string;
  prompt: string;
  /** The provider's base URL, for the record (only scheme, host and path are kept). */
  baseURL?: string;
  options: EditImageOptions;
  sources: RecordedFile[];
  mask?: RecordedFile;
  markup?: RecordedMarkupFile;
  outputFolder: vscode.Uri;
  /** The first source's file name; results are named after it. */
  sourceName: string;
  result: EditImageResult;
  secrets: readonly string[];
  /** What the edit cost (core's `costOfEdit`), recorded with every result. */
  cost?: EditCost;
}

export interface DeliveredEdit {
  delivery: Delivery<vscode.Uri>;
  /** Undefined when not a single result could be saved. */
  entry?: HistoryEntry;
  /** The first source, for the compare. */
  original?: vscode.Uri;
  /** The first source's size, said beside the results' (a model may answer at its own size). */
  sourceSize?: { width: number; height: number };
}

function version(services: RetouchServices): string {
  return (services.context.extension.packageJSON as { version?: string }).version ?? 'unknown';
}

/**
 * Writes each result through `@retouch/output` (fresh `name.retouch-N.ext`, atomic, never
 * overwriting, the record inside the image), rescues what the output folder cannot take into
 * the extension's global storage, and adds the edit to the history. Never throws for a failed
 * write: `showResults` reports it.
 */
export async function deliverEditResults(
  services: RetouchServices,
  plan: DeliveryPlan,
): Promise<DeliveredEdit> {
  const delivery = await deliverResults({
    fs,
    folder: plan.outputFolder,
    sourceName: plan.sourceName,
    result: plan.result,
    edit: {
      editId: plan.editId,
      tool: { name: recordToolName, version: version(services) },
      prompt: plan.prompt,
      ...(plan.baseURL ? { baseURL: plan.baseURL } : {}),
      options: plan.options,
      sources: plan.sources.map((source) => ({
        location: vscode.Uri.parse(source.uri),
        sha256: source.sha256,
      })),
      ...(plan.mask
        ? { mask: { location: vscode.Uri.parse(plan.mask.uri), sha256: plan.mask.sha256 } }
        : {}),
      ...(plan.cost ? { cost: plan.cost } : {}),
      ...(plan.markup
        ? {
            markup: {
              location: vscode.Uri.parse(plan.markup.uri),
              sha256: plan.markup.sha256,
              delivery: plan.markup.delivery,
              sentPrompt: plan.markup.sentPrompt,
            },
          }
        : {}),
    },
    sidecar: outputSidecarWanted(plan.outputFolder),
    rescueFolder: vscode.Uri.joinPath(services.context.globalStorageUri, 'rescued'),
    secrets: plan.secrets,
  });
  for (const output of delivery.outputs) {
    if (output.rescued) {
      services.log.error(
        `Could not write to ${fs.display(plan.outputFolder)} (${output.failure}); saved ${output.name} at ${fs.display(output.location)}.`,
      );
    } else {
      services.log.info(`Wrote ${fs.display(output.location)} (${output.width}x${output.height}).`);
    }
  }
  for (const lost of delivery.lost) {
    services.log.error(
      `Result ${lost.index + 1} could not be saved: ${lost.failure}${lost.rescueFailure ? `; fallback: ${lost.rescueFailure}` : ''}.`,
    );
  }
  for (const note of delivery.notes) services.log.warn(note);
  const entry = historyEntryFromDelivery(delivery, plan);
  if (entry) await services.history.add(entry);
  const original = plan.sources[0] ? vscode.Uri.parse(plan.sources[0].uri) : undefined;
  return {
    delivery,
    ...(entry ? { entry } : {}),
    ...(original ? { original } : {}),
    ...(plan.result.source ? { sourceSize: plan.result.source } : {}),
  };
}

/**
 * Says what was written where (or, when the output folder failed, where the results are instead,
 * with Save As… and Reveal), then opens a before/after compare for every result beside the
 * original. Notifications are not awaited.
 */
export async function showResults(
  services: RetouchServices,
  delivered: DeliveredEdit,
): Promise<void> {
  const { delivery, original } = delivered;
  // Said first: opening the compares can take a while, and the files are already on disk.
  const error = deliveryError(fs, delivery);
  if (error) showRescuedResults(services, delivery, error.message);
  else announceResults(delivered);
  if (original && delivery.outputs.length > 0) {
    const compare = (output: DeliveredImage<vscode.Uri>, viewColumn: vscode.ViewColumn) =>
      vscode.commands.executeCommand(
        'vscode.diff',
        original,
        output.location,
        `${fs.baseName(original)} ↔ ${output.name} (Retouch)`,
        { viewColumn, preview: false } satisfies vscode.TextDocumentShowOptions,
      );
    // One compare per result, in order, as tabs of one group beside the editor.
    const [first, ...others] = delivery.outputs;
    await compare(first!, besideColumn());
    const column = vscode.window.tabGroups.activeTabGroup.viewColumn;
    for (const output of others) await compare(output, column);
  }
}

/** "wrote … in <folder>", with buttons to open the first result or reveal it. */
function announceResults({ delivery, entry, sourceSize }: DeliveredEdit): void {
  const first = delivery.outputs[0]?.location;
  if (!first) return;
  const names = delivery.outputs.map((output) => output.name).join(', ');
  const sized = delivery.outputs[0]!;
  const sizes = sourceSize
    ? ` (${sized.width}×${sized.height}; source ${sourceSize.width}×${sourceSize.height})`
    : '';
  const cost = entry?.cost ? ` · cost ${formatCost(entry.cost)}` : '';
  void vscode.window
    .showInformationMessage(
      `Retouch: wrote ${names}${sizes} in ${fs.display(delivery.folder)}${cost}`,
      'Open Result',
      'Reveal in Explorer',
    )
    .then((action) => {
      if (action === 'Open Result') void vscode.commands.executeCommand('vscode.open', first);
      if (action === 'Reveal in Explorer')
        void vscode.commands.executeCommand('revealInExplorer', first);
    });
}
