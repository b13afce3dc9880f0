import type { DeliveredImage } from '@retouch/output';
import { type DeliveredEdit, formatCost } from '@retouch/session';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { vscodeOutputFileSystem as fs } from '../host/workspace-fs/vscode-output-file-system.js';
import { besideColumn } from './beside-column.js';
import { preparedInputsNote } from './prepared-inputs-note.js';
import { showRescuedResults } from './show-rescued-results.js';

/**
 * Says what was written where (or, when the output folder failed, where the results are instead,
 * with Save As… and Reveal), then opens a before/after compare for every result beside the
 * original, or in `column` (where the edit's partial preview stands). Notifications are not
 * awaited.
 */
export async function showResults(
  services: RetouchServices,
  delivered: DeliveredEdit<vscode.Uri>,
  column?: vscode.ViewColumn,
): Promise<void> {
  const { delivery } = delivered;
  const original = delivered.sources[0]?.location;
  // Said first: opening the compares can take a while, and the files are already on disk.
  if (delivered.error) showRescuedResults(services, delivery, delivered.error.message);
  else announceResults(delivery, delivered.sourceSize);
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
    await compare(first!, column ?? besideColumn());
    const group = vscode.window.tabGroups.activeTabGroup.viewColumn;
    for (const output of others) await compare(output, group);
  }
}

/** "wrote … in <folder>", with buttons to open the first result or reveal it. */
function announceResults(
  delivery: DeliveredEdit<vscode.Uri>['delivery'],
  source: DeliveredEdit<vscode.Uri>['sourceSize'],
): void {
  const first = delivery.outputs[0];
  if (!first) return;
  const names = delivery.outputs.map((output) => output.name).join(', ');
  // A model may answer at its own size: the result's size beside the source's says so.
  const sizes = source
    ? ` (${first.width}×${first.height}; source ${source.width}×${source.height})`
    : '';
  const recorded = first.record.cost;
  const cost = recorded ? ` · cost ${formatCost(recorded)}` : '';
  const prepared = preparedInputsNote(first);
  void vscode.window
    .showInformationMessage(
      `Retouch: wrote ${names} in ${fs.display(delivery.folder)}${sizes}${cost}${prepared}`,
      'Open Result',
      'Reveal in Explorer',
    )
    .then((action) => {
      if (action === 'Open Result') {
        void vscode.commands.executeCommand('vscode.open', first.location);
      }
      if (action === 'Reveal in Explorer') {
        void vscode.commands.executeCommand('revealInExplorer', first.location);
      }
    });
}
