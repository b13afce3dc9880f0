import { sanitizeServerText } from '@retouch/core/http';
import { formatCost } from '@retouch/session';
import * as vscode from 'vscode';
import { prepareSelectedModel } from '../edit/prepare-model.js';
import { readSource } from '../edit/read-source.js';
import { runEdit } from '../edit/run-edit.js';
import type { RetouchServices } from '../host/services.js';
import { historyMaxEntries } from '../host/settings.js';
import { type HistoryEntry, mergeHistory } from '../host/state/history-entry.js';
import { discoverHistory } from './discover-history.js';

interface EntryItem extends vscode.QuickPickItem {
  entry: HistoryEntry;
}

type HistoryAction = 'open' | 'compare' | 'rerun' | 'reveal' | 'copy';

function age(createdAt: string): string {
  const minutes = Math.round((Date.now() - Date.parse(createdAt)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return new Date(createdAt).toLocaleDateString();
}

function madeBy(entry: HistoryEntry): string {
  if (!entry.madeBy) return '';
  return entry.madeBy === '@retouch/cli' ? ' · CLI' : ` · ${entry.madeBy}`;
}

/**
 * This workspace's edits, and every edit whose results are in its files (the record inside each
 * image says how it was made, so edits made with the CLI show up too). Newest first.
 */
async function allEdits(services: RetouchServices): Promise<HistoryEntry[]> {
  const limit = historyMaxEntries();
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Retouch: reading the history' },
    () => discoverHistory(limit),
  );
  return mergeHistory(services.history.list(), found, limit);
}

/** Retouch: Show History — past edits in this workspace: open, compare, re-run. */
export function showHistoryCommand(services: RetouchServices) {
  return async (): Promise<void> => {
    const entries = await allEdits(services);
    if (entries.length === 0) {
      void vscode.window.showInformationMessage('Retouch: no edits yet in this workspace.');
      return;
    }
    // Records found on disk are anyone's: no control characters or line breaks in the list.
    const shown = (text: string) => sanitizeServerText(text, { singleLine: true });
    const items: EntryItem[] = entries.map((entry) => ({
      entry,
      label: shown(entry.prompt),
      description: shown(
        `${entry.provider}:${entry.model} · ${age(entry.createdAt)}${madeBy(entry)}${entry.cost ? ` · ${formatCost(entry.cost)}` : ''}`,
      ),
      detail: shown(
        `${entry.sources.map((s) => s.name).join(' + ')} → ${entry.outputs.map((o) => `${o.name}${o.rescued ? ' (saved in Retouch storage)' : ''}`).join(', ')}`,
      ),
      ...(entry.outputs[0] ? { iconPath: vscode.Uri.parse(entry.outputs[0].uri) } : {}),
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Retouch: History',
      placeHolder: 'Pick a past edit',
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    if (!picked) return;
    const several = picked.entry.outputs.length > 1;
    const action = await vscode.window.showQuickPick(
      [
        {
          label: `$(file-media) Open Result${several ? 's' : ''}`,
          action: 'open' as HistoryAction,
        },
        { label: `$(diff) Open Compare${several ? 's' : ''}`, action: 'compare' as HistoryAction },
        { label: '$(refresh) Re-run This Edit', action: 'rerun' as HistoryAction },
        { label: '$(files) Reveal in Explorer', action: 'reveal' as HistoryAction },
        { label: '$(copy) Copy Prompt', action: 'copy' as HistoryAction },
      ],
      {
        title: `Retouch: ${shown(picked.entry.prompt)}`,
        placeHolder: 'What to do with this edit',
        ignoreFocusOut: true,
      },
    );
    if (action) await runHistoryAction(services, picked.entry, action.action);
  };
}

async function runHistoryAction(
  services: RetouchServices,
  entry: HistoryEntry,
  action: HistoryAction,
): Promise<void> {
  const results = entry.outputs.map((output) => vscode.Uri.parse(output.uri));
  const original = entry.sources[0] ? vscode.Uri.parse(entry.sources[0].uri) : undefined;
  switch (action) {
    case 'open':
      for (const result of results) {
        await vscode.commands.executeCommand('vscode.open', result, { preview: false });
      }
      return;
    case 'compare':
      if (!original) return;
      for (const [index, result] of results.entries()) {
        await vscode.commands.executeCommand(
          'vscode.diff',
          original,
          result,
          `${entry.sources[0]!.name} ↔ ${entry.outputs[index]!.name} (Retouch)`,
          { preview: false },
        );
      }
      return;
    case 'reveal':
      if (results[0]) await vscode.commands.executeCommand('revealInExplorer', results[0]);
      return;
    case 'copy':
      await vscode.env.clipboard.writeText(entry.prompt);
      return;
    case 'rerun':
      await rerun(services, entry);
  }
}

/**
 * Runs the same prompt, model and options on the same files; says so if a file changed since.
 * Records found on disk are anyone's, so only inputs inside the workspace are read for them.
 */
async function rerun(services: RetouchServices, entry: HistoryEntry): Promise<void> {
  const sources = entry.sources.map((source) => vscode.Uri.parse(source.uri));
  const mask = entry.mask ? vscode.Uri.parse(entry.mask.uri) : undefined;
  const markup = entry.markup ? vscode.Uri.parse(entry.markup.uri) : undefined;
  const outside = [...sources, ...(mask ? [mask] : []), ...(markup ? [markup] : [])].find(
    (uri) => !vscode.workspace.getWorkspaceFolder(uri),
  );
  if (outside) {
    void vscode.window.showErrorMessage(
      `Retouch: ${outside.toString(true)} is outside the workspace, so this edit is not re-run from its record. Open the image and edit it directly.`,
    );
    return;
  }
  const changed: string[] = [];
  // The marked-up copy is what was sent, so it is checked like a source.
  const pinned = [...entry.sources, ...(entry.markup ? [entry.markup] : [])];
  for (const recorded of pinned) {
    try {
      if ((await readSource(vscode.Uri.parse(recorded.uri))).record.sha256 !== recorded.sha256)
        changed.push(recorded.name);
    } catch {
      void vscode.window.showErrorMessage(
        `Retouch: ${recorded.name} no longer exists, so this edit cannot be re-run.`,
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
    provider: entry.provider,
    model: entry.model,
  });
  if (!target) return;
  await runEdit(services, {
    target,
    sources,
    ...(mask ? { mask } : {}),
    ...(markup && entry.markup
      ? {
          markup,
          markupSent: { delivery: entry.markup.delivery, prompt: entry.markup.sentPrompt },
        }
      : {}),
    prompt: entry.prompt,
    options: entry.options,
  });
}
