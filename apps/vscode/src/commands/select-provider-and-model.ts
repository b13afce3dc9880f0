import type { ModelInfo } from '@retouch/core';
import * as vscode from 'vscode';
import { showEditError } from '../edit/show-edit-error.js';
import { pickProvider } from '../pick-provider.js';
import { prepareProvider } from '../prepare-provider.js';
import type { RetouchServices } from '../services.js';
import { saveProviderAndModel, selectedProviderAndModel } from '../settings.js';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
}

function summary(model: ModelInfo): string {
  const caps = model.capabilities;
  return [
    caps.mask ? 'mask' : 'no mask',
    `up to ${caps.maxInputImages} input ${caps.maxInputImages === 1 ? 'image' : 'images'}`,
    `n ${caps.n.min}–${caps.n.max}`,
    caps.outputFormats.join('/'),
    caps.streaming ? 'partial images' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Retouch: Select Provider and Model — saved to user settings. */
export function selectProviderAndModelCommand(services: RetouchServices) {
  return async (): Promise<void> => {
    const entry = await pickProvider(services, 'Retouch: Select Provider');
    if (!entry) return;
    const { plugin } = entry;
    let models: readonly ModelInfo[] = [];
    try {
      models = (await prepareProvider(services, plugin.id)).provider.models;
    } catch (error) {
      showEditError(services.log, error, [], plugin.id);
      return;
    }
    const current = selectedProviderAndModel();
    const preferred = current.provider === plugin.id ? current.model : entry.options.defaultModel;
    const items: ModelItem[] = models.map((model) => ({
      modelId: model.id,
      label: model.id,
      description: [model.displayName, model.id === preferred ? 'selected' : undefined]
        .filter(Boolean)
        .join(' · '),
      detail: summary(model),
    }));
    items.sort((a, b) => Number(b.modelId === preferred) - Number(a.modelId === preferred));
    items.push({
      label: '$(edit) Other Model ID…',
      detail: 'For models the provider serves but does not list',
    });
    const picked = await vscode.window.showQuickPick(items, {
      title: `Retouch: Select Model (${plugin.displayName})`,
      placeHolder: 'Choose a model',
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    if (!picked) return;
    const modelId =
      picked.modelId ??
      (
        await vscode.window.showInputBox({
          title: 'Retouch: Model ID',
          prompt: `A model id ${plugin.displayName} accepts`,
          placeHolder: 'e.g. flux-kontext-pro',
          ignoreFocusOut: true,
          validateInput: (text) => (text.trim() ? undefined : 'Enter a model id.'),
        })
      )?.trim();
    if (!modelId) return;
    await saveProviderAndModel(plugin.id, modelId);
    services.log.info(`Selected ${plugin.id}:${modelId}.`);
    void vscode.window.showInformationMessage(
      `Retouch: using ${plugin.displayName} with ${modelId}.`,
    );
  };
}
