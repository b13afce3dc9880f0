import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { pickProvider } from '../ui/pick-provider.js';

/** Retouch: Clear API Key — removes a provider's keys from SecretStorage. */
export function clearApiKeyCommand(services: RetouchServices) {
  return async (providerId?: string): Promise<void> => {
    const entry =
      (typeof providerId === 'string' ? services.providers.get(providerId) : undefined) ??
      (await pickProvider(services, 'Retouch: Clear API Key', async (candidate) => {
        const stored = await services.secrets.values(
          candidate.plugin.id,
          candidate.plugin.secretFields,
        );
        return Object.keys(stored).length > 0 ? 'key stored' : 'no key';
      }));
    if (!entry) return;
    const deleted = await services.secrets.delete(entry.plugin.id, entry.plugin.secretFields);
    services.log.info(`Cleared ${deleted} secret(s) for ${entry.plugin.id}.`);
    void vscode.window.showInformationMessage(
      deleted > 0
        ? `Retouch: cleared the API key for ${entry.plugin.displayName}.`
        : `Retouch: no API key was stored for ${entry.plugin.displayName}.`,
    );
  };
}
