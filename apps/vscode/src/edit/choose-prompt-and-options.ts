import type { EditImageOptions, ModelInfo } from '@retouch/core';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { pickOptions } from '../ui/pick-options.js';
import { pickPrompt } from '../ui/pick-prompt.js';
import { configuredPresets } from '../ui/prompt-presets.js';

/**
 * Lets scripts and extension-host tests run a command without the prompt and option picks:
 * `executeCommand('retouch.editImage', uri, [uri], { prompt: 'grayscale', options: { n: 1 } })`.
 */
export interface ScriptedEdit {
  prompt?: string;
  options?: EditImageOptions;
}

/**
 * The prompt step, then the option steps. A preset picked in the prompt step brings its options,
 * which the option steps preselect (the user can still change them).
 */
export async function choosePromptAndOptions(
  services: RetouchServices,
  model: ModelInfo,
  scope: vscode.Uri,
  scripted?: ScriptedEdit,
): Promise<{ prompt: string; options: EditImageOptions } | undefined> {
  const choice = scripted?.prompt
    ? { prompt: scripted.prompt }
    : await pickPrompt(services.history, configuredPresets(services.log, scope));
  if (!choice) return undefined;
  const preset = 'preset' in choice ? choice.preset : undefined;
  const options =
    scripted?.options ??
    (await pickOptions(model, scope, preset?.options, (leftOut) => {
      const message = `the preset "${preset?.name}" asks for ${leftOut.join(', ')}, which ${model.id} does not take; the model decides instead.`;
      services.log.warn(`Preset: ${message}`);
      void vscode.window.showWarningMessage(`Retouch: ${message}`);
    }));
  if (!options) return undefined;
  if (preset) services.log.info(`Using the ${preset.source} preset "${preset.name}".`);
  return { prompt: choice.prompt, options };
}
