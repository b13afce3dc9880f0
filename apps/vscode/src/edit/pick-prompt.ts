import type * as vscode from 'vscode';
import type { HistoryStore } from '../history/history-store.js';
import { quickPickOnce } from './quick-pick-once.js';

/**
 * Asks what to change. Recent prompts are offered below the text field; typing a new prompt and
 * pressing Enter uses it.
 */
export async function pickPrompt(
  history: HistoryStore,
  initial?: string,
): Promise<string | undefined> {
  const recent: vscode.QuickPickItem[] = history.recentPrompts().map((prompt) => ({
    label: prompt,
    description: 'recent',
  }));
  const picked = await quickPickOnce({
    title: 'Retouch: Describe the Edit',
    placeholder: 'Describe the change, e.g. "remove the background", then press Enter',
    items: initial ? [{ label: initial, description: 'previous prompt' }, ...recent] : recent,
    freeText: (value) => ({ label: value.trim(), description: 'new prompt', alwaysShow: true }),
  });
  const prompt = picked?.label.trim();
  return prompt || undefined;
}
