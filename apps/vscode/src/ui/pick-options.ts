import type { EditImageOptions, ModelInfo } from '@retouch/core';
import type { PresetOptions } from '@retouch/session';
import * as vscode from 'vscode';
import { askForOptions, optionDefaults } from '../host/settings.js';
import {
  buildOptionSteps,
  checkCustomSize,
  defaultOptions,
  type OptionStep,
  presetOptionsLeftOut,
  withPresetDefaults,
} from './option-steps.js';
import { quickPickOnce } from './quick-pick-once.js';

interface OptionItem extends vscode.QuickPickItem {
  value?: string | number;
  action?: 'use-defaults' | 'custom-size';
}

const useDefaults: OptionItem = {
  label: '$(check-all) Use Defaults',
  description: 'skip the remaining options',
  action: 'use-defaults',
};

/**
 * One quick pick per option the model supports (size, quality, n, format, background, input
 * fidelity), each preselecting the `retouch.defaults.*` value, or the preset's when the prompt
 * came from a preset. "Use Defaults" skips the rest. Resolves undefined when the user dismisses a
 * pick, which cancels the edit. `onLeftOut` hears of preset options the model cannot take.
 */
export async function pickOptions(
  model: ModelInfo,
  scope: vscode.Uri,
  preset?: PresetOptions,
  onLeftOut?: (options: string[]) => void,
): Promise<EditImageOptions | undefined> {
  const caps = model.capabilities;
  const steps = buildOptionSteps(caps, withPresetDefaults(optionDefaults(scope), preset));
  const leftOut = presetOptionsLeftOut(caps, steps, preset);
  if (leftOut.length > 0) onLeftOut?.(leftOut);
  // Not a step of its own: a preset's compression goes along when the model takes it.
  const extra: EditImageOptions =
    preset?.outputCompression !== undefined && caps.outputCompression
      ? { outputCompression: preset.outputCompression }
      : {};
  const chosen: Record<string, string | number> = {};
  if (!askForOptions()) return { ...defaultOptions(steps), ...extra };

  for (const [index, step] of steps.entries()) {
    const fromPreset =
      preset?.[step.key] !== undefined &&
      step.choices[step.defaultIndex]?.value === preset[step.key];
    const answer = await pickOne(step, `(${index + 1}/${steps.length})`, fromPreset);
    if (answer === undefined) return undefined;
    if (answer === useDefaults) {
      return { ...defaultOptions(steps.slice(index)), ...chosen, ...extra };
    }
    if (answer.value !== undefined) chosen[step.key] = answer.value;
  }
  return { ...(chosen as EditImageOptions), ...extra };
}

async function pickOne(
  step: OptionStep,
  counter: string,
  fromPreset: boolean,
): Promise<OptionItem | undefined> {
  const defaultLabel = fromPreset ? 'preset' : 'default';
  const items: OptionItem[] = step.choices.map((choice, index) => ({
    label: choice.label,
    value: choice.value,
    description: [choice.description, index === step.defaultIndex ? defaultLabel : undefined]
      .filter(Boolean)
      .join(' · '),
  }));
  if (step.customSize) items.push({ label: '$(edit) Custom Size…', action: 'custom-size' });
  const picked = await quickPickOnce({
    title: `Retouch: ${step.title} ${counter}`,
    placeholder: `Enter keeps ${step.choices[step.defaultIndex]?.label ?? 'the default'}`,
    items: [useDefaults, ...items],
    active: items[step.defaultIndex],
  });
  if (picked?.action !== 'custom-size' || !step.customSize) return picked;
  const rule = step.customSize;
  const size = await vscode.window.showInputBox({
    title: 'Retouch: Custom Size',
    prompt: 'Width x height in pixels',
    placeHolder: '1536x1024',
    ignoreFocusOut: true,
    validateInput: (value) => checkCustomSize(value, rule),
  });
  return size ? { label: size, value: size.trim() } : undefined;
}
