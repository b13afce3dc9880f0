import type { BatchSummary, ItemOutcome } from '@retouch/core';
import { redactSecrets, sanitizeServerText } from '@retouch/core/http';
import { formatCostTotal } from '@retouch/session';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { vscodeOutputFileSystem as fs } from '../host/workspace-fs/vscode-output-file-system.js';

export interface EachItemReport {
  source: vscode.Uri;
  outputs: vscode.Uri[];
  outcome?: ItemOutcome;
}

interface ResultItem extends vscode.QuickPickItem {
  report: EachItemReport;
}

/** One line per source: what became of it. Server text is made safe to show. */
export function describeItem(report: EachItemReport, secrets: readonly string[]): string {
  const name = fs.baseName(report.source);
  const outcome = report.outcome;
  const shown = (text: string) =>
    sanitizeServerText(redactSecrets(text, secrets), { singleLine: true });
  switch (outcome?.status) {
    case 'done':
      return `${name} → ${report.outputs.map((output) => fs.baseName(output)).join(', ')}`;
    case 'done-before':
      return `${name}: done in an earlier run`;
    case 'failed':
      return `${name}: failed: ${shown(outcome.error.message)}`;
    case 'over-budget':
      return `${name}: not started: ${outcome.reason}`;
    case 'not-started':
      return `${name}: not started: ${shown(outcome.reason)}`;
    default:
      return `${name}: not reached`;
  }
}

/**
 * The end of a batch: every source's fate in the log, and one notification with the counts and
 * the cost, offering the list of results and failures (and Resume when some are left).
 */
export function showEachResults(
  services: RetouchServices,
  summary: BatchSummary,
  reports: readonly EachItemReport[],
  secrets: readonly string[],
): void {
  for (const report of reports) services.log.info(`Edit Each: ${describeItem(report, secrets)}`);
  const { counts } = summary;
  const ran = summary.items.some((item) => item.status === 'done');
  const parts = [`${counts.done} of ${counts.total} done`];
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.skipped) parts.push(`${counts.skipped} not started`);
  if (ran) parts.push(`cost ${formatCostTotal(summary.cost)}`);
  const cancelled = summary.stopped?.reason === 'cancelled';
  const message = `Retouch: Edit Each${cancelled ? ' cancelled' : ''}: ${parts.join(' · ')}`;
  const unfinished = counts.done < counts.total;
  const actions = ['Show Results', ...(unfinished ? ['Resume'] : []), 'Show Log'];
  const shown = unfinished
    ? vscode.window.showWarningMessage
    : vscode.window.showInformationMessage;
  void shown(message, ...actions).then((action) => {
    if (action === 'Show Results') void pickResult(reports, secrets);
    if (action === 'Resume') void vscode.commands.executeCommand('retouch.resumeEditEach');
    if (action === 'Show Log') services.log.channel.show(true);
  });
}

async function pickResult(
  reports: readonly EachItemReport[],
  secrets: readonly string[],
): Promise<void> {
  const items: ResultItem[] = reports.map((report) => ({
    report,
    label: `${report.outputs.length > 0 ? '$(check)' : report.outcome?.status === 'done-before' ? '$(history)' : '$(error)'} ${describeItem(report, secrets)}`,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Retouch: Edit Each Results',
    placeHolder: 'Pick a result to compare it with its source',
  });
  const output = picked?.report.outputs[0];
  if (!picked || !output) return;
  await vscode.commands.executeCommand(
    'vscode.diff',
    picked.report.source,
    output,
    `${fs.baseName(picked.report.source)} ↔ ${fs.baseName(output)} (Retouch)`,
  );
}
