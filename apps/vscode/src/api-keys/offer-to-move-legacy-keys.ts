import * as vscode from 'vscode';
import type { RetouchLog } from '../host/log.js';
import type { ProviderSecrets } from '../host/secrets.js';
import { legacyKeySettingsInUse } from '../host/settings.js';

/**
 * Keys belong in SecretStorage. If one is found in a setting, offer to move it there and remove
 * it from every settings file it is in. Never awaited by activation.
 */
export async function offerToMoveLegacyKeys(
  secrets: ProviderSecrets,
  log: RetouchLog,
): Promise<void> {
  for (const found of legacyKeySettingsInUse()) {
    const { key, provider } = found;
    const where = found.layers.join(' and ');
    log.warn(`An API key is stored in the setting retouch.${key} (${where} settings).`);
    const action = await vscode.window.showWarningMessage(
      `Retouch found an API key in the setting "retouch.${key}" (${where} settings). Keys belong in secret storage, not in settings files.`,
      'Move to Secret Storage',
      'Not Now',
    );
    if (action !== 'Move to Secret Storage') continue;
    await secrets.store(provider, 'apiKey', found.value);
    await found.remove();
    log.info(`Moved the key from retouch.${key} into secret storage for ${provider}.`);
    void vscode.window.showInformationMessage(
      `Retouch: moved the key into secret storage for ${provider} and removed it from settings.`,
    );
  }
}
