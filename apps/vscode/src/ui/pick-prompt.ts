import { sanitizeServerText } from '@retouch/core/http';
import { describePresetOptions, type ListedPreset } from '@retouch/session';
import * as vscode from 'vscode';
import type { HistoryStore } from '../host/state/history-store.js';
import { quickPickOnce } from './quick-pick-once.js';

/** What the prompt step settled on: a prompt, and the preset it came from if any. */
export interface PromptChoice {
  prompt: string;
  preset?: ListedPreset;
}

interface PromptItem extends vscode.QuickPickItem {
  preset?: ListedPreset;
}

/** The preset as the prompt step shows it: its name, what it does, and its prompt below. */
export function presetItem(preset: ListedPreset): PromptItem {
  // A trusted workspace's settings can add presets: their text must read as what it is.
  const shown = (text: string) => sanitizeServerText(text, { singleLine: true });
  const options = describePresetOptions(preset.options);
  return {
    label: shown(preset.name),
    description: [
      preset.description && shown(preset.description),
      options,
      preset.source === 'user' ? 'yours' : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    detail: shown(preset.prompt),
    preset,
  };
}

/**
 * Asks what to change. Presets come first, then recent prompts; typing a new prompt and pressing
 * Enter uses it, and the arrow keys pick a preset or a recent prompt instead.
 */
export async function pickPrompt(
  history: HistoryStore,
  presets: readonly ListedPreset[],
  initial?: string,
): Promise<PromptChoice | undefined> {
  const separator = (label: string): PromptItem => ({
    label,
    kind: vscode.QuickPickItemKind.Separator,
  });
  const recent: PromptItem[] = history.recentPrompts().map((prompt) => ({
    label: prompt,
    description: 'recent',
  }));
  const items: PromptItem[] = [
    ...(initial ? [{ label: initial, description: 'previous prompt' }] : []),
    ...(presets.length > 0 ? [separator('presets'), ...presets.map(presetItem)] : []),
    ...(recent.length > 0 ? [separator('recent'), ...recent] : []),
  ];
  const picked = await quickPickOnce<PromptItem>({
    title: 'Retouch: Describe the Edit',
    placeholder: 'Describe the change, e.g. "remove the background", or pick a preset',
    items,
    freeText: (value) => ({ label: value.trim(), description: 'new prompt', alwaysShow: true }),
  });
  if (picked?.preset) return { prompt: picked.preset.prompt, preset: picked.preset };
  const prompt = picked?.label.trim();
  return prompt ? { prompt } : undefined;
}
