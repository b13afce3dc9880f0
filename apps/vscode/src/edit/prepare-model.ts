import type { ModelInfo } from '@retouch/core';
import * as vscode from 'vscode';
import { findModel, type PreparedProvider, prepareProvider } from '../host/prepare-provider.js';
import type { RetouchServices } from '../host/services.js';
import { selectedProviderAndModel } from '../host/settings.js';
import { showEditError } from '../ui/show-edit-error.js';

export interface EditTarget {
  prepared: PreparedProvider;
  model: ModelInfo;
}

/**
 * The selected provider, created from settings and SecretStorage, and the selected model's
 * capabilities. Done before asking anything, so a bad setting shows up before the user types a
 * prompt. Reports problems itself and resolves undefined.
 */
export async function prepareSelectedModel(
  services: RetouchServices,
  scope: vscode.Uri | undefined,
  selection = selectedProviderAndModel(scope),
): Promise<EditTarget | undefined> {
  let prepared: PreparedProvider;
  try {
    prepared = await prepareProvider(services, selection.provider);
  } catch (error) {
    const providerName = services.providers
      .info()
      .find((provider) => provider.id === selection.provider)?.displayName;
    showEditError(services.log, error, [], selection.provider, {
      ...(providerName ? { providerName } : {}),
    });
    return undefined;
  }
  const model = findModel(prepared.provider, selection.model);
  if (!model) {
    const message = `Retouch: ${prepared.entry.plugin.displayName} does not offer the model "${selection.model}".`;
    services.log.warn(message);
    void vscode.window.showErrorMessage(message, 'Select Provider and Model').then((action) => {
      if (action) void vscode.commands.executeCommand('retouch.selectProviderAndModel');
    });
    return undefined;
  }
  services.log.info(`Using ${selection.provider}:${model.id}.`);
  return { prepared, model };
}
