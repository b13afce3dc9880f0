import { sanitizeServerText } from '@retouch/core/http';
import { describePresetOptions, type ListedPreset } from '@retouch/session';
import * as vscode from 'vscode';
import type { HistoryStore } from '../host/state/history-store.js';
import { quickPickOnce } from './quick-pick-once.js';

/** What the prompt step settled on: a prompt, and the preset it came from if any. */
export interface PromptChoice {
  prompt: string;
  preset?: ListedPreset;
  /** The user asked to choose the options for this edit (the Options… row). */
  chooseOptions?: boolean;
}

interface PromptItem extends vscode.QuickPickItem {
  preset?: ListedPreset;
  options?: true;
}

/** The built-in preset for an edit explained with marks, offered first in the markup flow. */
export const markupPresetName = 'remove-marked';

/** A preset whose name is exactly what was typed: Enter must send its prompt, not its name. */
export function presetNamed(
  presets: readonly ListedPreset[],
  typed: string,
): ListedPreset | undefined {
  const wanted = typed.trim().toLowerCase();
  return presets.find((preset) => preset.name.toLowerCase() === wanted);
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
  /** The preset highlighted first (Enter picks it): the markup preset in the markup flow. */
  preferred?: string,
): Promise<PromptChoice | undefined> {
  const separator = (label: string): PromptItem => ({
    label,
    kind: vscode.QuickPickItemKind.Separator,
  });
  const recent: PromptItem[] = history.recentPrompts().map((prompt) => ({
    label: prompt,
    description: 'recent',
  }));
  const presetItems = presets.map(presetItem);
  const items: PromptItem[] = [
    ...(initial ? [{ label: initial, description: 'previous prompt' }] : []),
    ...(presetItems.length > 0 ? [separator('presets'), ...presetItems] : []),
    ...(recent.length > 0 ? [separator('recent'), ...recent] : []),
  ];
  let typed = '';
  const picked = await quickPickOnce<PromptItem>({
    title: 'Retouch: Describe the Edit',
    placeholder:
      'Describe the change and press Enter to send, e.g. "remove the background"; or pick a preset',
    items,
    ...(preferred && !initial
      ? { active: presetItems.find((item) => item.preset?.name === preferred) }
      : {}),
    freeText: (value) => {
      typed = value.trim();
      // Typing a preset's name finds the preset: the name itself is no prompt.
      if (presetNamed(presets, value)) return undefined;
      // Enter sends with the defaults; the options are one ↓ away.
      return [
        { label: value.trim(), description: 'new prompt', alwaysShow: true },
        {
          label: '$(settings) Choose Options, Then Send',
          description: 'size, quality, number of images… for this edit',
          alwaysShow: true,
          options: true,
        },
      ];
    },
  });
  if (picked?.options) {
    const preset = presetNamed(presets, typed);
    if (preset) return { prompt: preset.prompt, preset, chooseOptions: true };
    return typed ? { prompt: typed, chooseOptions: true } : undefined;
  }
  if (picked?.preset) return { prompt: picked.preset.prompt, preset: picked.preset };
  const prompt = picked?.label.trim();
  return prompt ? { prompt } : undefined;
}
