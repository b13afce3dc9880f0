import type { ImageEditProvider, ModelInfo } from '@retouch/core';
import * as vscode from 'vscode';
import { prepareProvider } from '../host/prepare-provider.js';
import type { RetouchServices } from '../host/services.js';
import { saveProviderAndModel, selectedProviderAndModel } from '../host/settings.js';
import { pickProvider } from '../ui/pick-provider.js';
import { showEditError } from '../ui/show-edit-error.js';
import { type ModelPickItem, modelPickItems } from './model-pick-items.js';

/** Retouch: Select Provider and Model — saved to user settings. */
export function selectProviderAndModelCommand(services: RetouchServices) {
  return async (): Promise<void> => {
    const entry = await pickProvider(services, 'Retouch: Select Provider');
    if (!entry) return;
    const { plugin } = entry;
    let provider: ImageEditProvider;
    try {
      provider = (await prepareProvider(services, plugin.id)).provider;
    } catch (error) {
      showEditError(services.log, error, [], plugin.id, { providerName: plugin.displayName });
      return;
    }
    const current = selectedProviderAndModel();
    const inUse = current.provider === plugin.id ? current.model : undefined;
    const order = { first: inUse ?? entry.options.defaultModel, selected: inUse };
    // The quick pick shows a busy bar while the server's own list (with shutdown dates) loads.
    const items = withServerModels(provider, services).then((models): ModelPickItem[] => [
      ...modelPickItems(models, order),
      {
        label: '$(edit) Other Model ID…',
        detail: 'For models the provider serves but does not list',
      },
    ]);
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

/** The provider's models with the server's list merged in; its own table when that fails. */
async function withServerModels(
  provider: ImageEditProvider,
  services: RetouchServices,
): Promise<readonly ModelInfo[]> {
  if (!provider.listModels) return provider.models;
  try {
    return await provider.listModels({ signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    services.log.info(
      `${provider.id}: the server's model list was not available, so the picker shows the built-in models (${error instanceof Error ? error.message : String(error)}).`,
    );
    return provider.models;
  }
}
