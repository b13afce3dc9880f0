import * as vscode from 'vscode';
import { prepareSelectedModel } from '../edit/prepare-model.js';
import { readSource } from '../edit/read-source.js';
import { runEdit } from '../edit/run-edit.js';
import type { EditRecord } from '../history/edit-record.js';
import type { RetouchServices } from '../services.js';

interface RecordItem extends vscode.QuickPickItem {
  record: EditRecord;
}

type HistoryAction = 'open' | 'compare' | 'rerun' | 'reveal' | 'copy';

function age(createdAt: string): string {
  const minutes = Math.round((Date.now() - Date.parse(createdAt)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return new Date(createdAt).toLocaleDateString();
}

/** Retouch: Show History — past edits in this workspace: open, compare, re-run. */
export function showHistoryCommand(services: RetouchServices) {
  return async (): Promise<void> => {
    const records = services.history.list();
    if (records.length === 0) {
      void vscode.window.showInformationMessage('Retouch: no edits yet in this workspace.');
      return;
    }
    const items: RecordItem[] = records.map((record) => ({
      record,
      label: record.prompt,
      description: `${record.provider}:${record.model} · ${age(record.createdAt)}`,
      detail: `${record.sources.map((s) => s.name).join(' + ')} → ${record.outputs.map((o) => o.name).join(', ')}`,
      ...(record.outputs[0] ? { iconPath: vscode.Uri.parse(record.outputs[0].uri) } : {}),
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Retouch: History',
      placeHolder: 'Pick a past edit',
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    if (!picked) return;
    const action = await vscode.window.showQuickPick(
      [
        { label: '$(file-media) Open Result', action: 'open' as HistoryAction },
        { label: '$(diff) Open Compare', action: 'compare' as HistoryAction },
        { label: '$(refresh) Re-run This Edit', action: 'rerun' as HistoryAction },
        { label: '$(files) Reveal in Explorer', action: 'reveal' as HistoryAction },
        { label: '$(copy) Copy Prompt', action: 'copy' as HistoryAction },
      ],
      {
        title: `Retouch: ${picked.record.prompt}`,
        placeHolder: 'What to do with this edit',
        ignoreFocusOut: true,
      },
    );
    if (action) await runHistoryAction(services, picked.record, action.action);
  };
}

async function runHistoryAction(
  services: RetouchServices,
  record: EditRecord,
  action: HistoryAction,
): Promise<void> {
  const result = record.outputs[0] ? vscode.Uri.parse(record.outputs[0].uri) : undefined;
  const original = record.sources[0] ? vscode.Uri.parse(record.sources[0].uri) : undefined;
  switch (action) {
    case 'open':
      if (result) await vscode.commands.executeCommand('vscode.open', result);
      return;
    case 'compare':
      if (result && original) {
        await vscode.commands.executeCommand(
          'vscode.diff',
          original,
          result,
          `${record.sources[0]!.name} ↔ ${record.outputs[0]!.name} (Retouch)`,
        );
      }
      return;
    case 'reveal':
      if (result) await vscode.commands.executeCommand('revealInExplorer', result);
      return;
    case 'copy':
      await vscode.env.clipboard.writeText(record.prompt);
      return;
    case 'rerun':
      await rerun(services, record);
  }
}

/** Runs the same prompt, model and options on the same files; says so if a file changed since. */
async function rerun(services: RetouchServices, record: EditRecord): Promise<void> {
  const sources = record.sources.map((source) => vscode.Uri.parse(source.uri));
  const changed: string[] = [];
  for (const [index, uri] of sources.entries()) {
    try {
      if ((await readSource(uri)).record.sha256 !== record.sources[index]!.sha256)
        changed.push(record.sources[index]!.name);
    } catch {
      void vscode.window.showErrorMessage(
        `Retouch: ${record.sources[index]!.name} no longer exists, so this edit cannot be re-run.`,
      );
      return;
    }
  }
  if (changed.length > 0) {
    services.log.warn(
      `Re-running on files changed since the original edit: ${changed.join(', ')}.`,
    );
    void vscode.window.showWarningMessage(
      `Retouch: ${changed.join(', ')} changed since this edit; re-running on the current file.`,
    );
  }
  const target = await prepareSelectedModel(services, sources[0], {
    provider: record.provider,
    model: record.model,
  });
  if (!target) return;
  const { partialImages: _ignored, ...options } = record.options;
  await runEdit(services, {
    target,
    sources,
    ...(record.mask ? { mask: vscode.Uri.parse(record.mask.uri) } : {}),
    prompt: record.prompt,
    options,
  });
}
