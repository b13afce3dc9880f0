import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { pickProvider } from '../ui/pick-provider.js';

function fieldLabel(field: string): string {
  return field === 'apiKey' ? 'API Key' : field;
}

/** Retouch: Set API Key… — per provider, into SecretStorage only. Resolves whether it saved one. */
export function setApiKeyCommand(services: RetouchServices) {
  return async (providerId?: string): Promise<boolean> => {
    const entry =
      (typeof providerId === 'string' ? services.providers.get(providerId) : undefined) ??
      (await pickProvider(services, 'Retouch: Set API Key'));
    if (!entry) return false;
    const { plugin } = entry;
    if (plugin.secretFields.length === 0) {
      void vscode.window.showInformationMessage(`Retouch: ${plugin.displayName} needs no API key.`);
      return false;
    }
    for (const field of plugin.secretFields) {
      const value = await vscode.window.showInputBox({
        title: `Retouch: ${fieldLabel(field)} for ${plugin.displayName}`,
        prompt: "Kept in VS Code's secret storage, never in settings files.",
        placeHolder: `Paste the ${fieldLabel(field)}`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) =>
          text.trim() ? undefined : 'Enter a value, or press Escape to cancel.',
      });
      if (!value) return false;
      await services.secrets.store(plugin.id, field, value.trim());
    }
    services.log.info(
      `Saved the ${plugin.secretFields.join(', ')} for ${plugin.id} in secret storage.`,
    );
    void vscode.window.showInformationMessage(
      `Retouch: saved the API key for ${plugin.displayName}.`,
    );
    return true;
  };
}
