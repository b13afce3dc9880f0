import * as vscode from 'vscode';
import type { RetouchLog } from './log.js';
import type { ProviderSecrets } from './secrets.js';

/** Settings older setups used for keys, and the provider each belongs to. */
const legacyKeySettings = [
  { key: 'apiKey', provider: 'openai-compatible' },
  { key: 'openAICompatible.apiKey', provider: 'openai-compatible' },
  { key: 'queue.apiKey', provider: 'queue' },
] as const;

const targets = [
  ['globalValue', vscode.ConfigurationTarget.Global, 'User'],
  ['workspaceValue', vscode.ConfigurationTarget.Workspace, 'Workspace'],
  ['workspaceFolderValue', vscode.ConfigurationTarget.WorkspaceFolder, 'Workspace Folder'],
] as const;

/**
 * Keys belong in SecretStorage. If one is found in a setting, offer to move it there and remove
 * it from every settings file it is in. Never awaited by activation.
 */
export async function offerToMoveLegacyKeys(
  secrets: ProviderSecrets,
  log: RetouchLog,
): Promise<void> {
  const settings = vscode.workspace.getConfiguration('retouch');
  for (const { key, provider } of legacyKeySettings) {
    const inspection = settings.inspect<string>(key);
    const found = targets.filter(
      ([field]) => typeof inspection?.[field] === 'string' && inspection[field],
    );
    if (found.length === 0) continue;
    const value = inspection?.[found[0]![0]] as string;
    const where = found.map(([, , label]) => label).join(' and ');
    log.warn(`An API key is stored in the setting retouch.${key} (${where} settings).`);
    const action = await vscode.window.showWarningMessage(
      `Retouch found an API key in the setting "retouch.${key}" (${where} settings). Keys belong in secret storage, not in settings files.`,
      'Move to Secret Storage',
      'Not Now',
    );
    if (action !== 'Move to Secret Storage') continue;
    await secrets.store(provider, 'apiKey', value);
    for (const [, target] of found) await settings.update(key, undefined, target);
    log.info(`Moved the key from retouch.${key} into secret storage for ${provider}.`);
    void vscode.window.showInformationMessage(
      `Retouch: moved the key into secret storage for ${provider} and removed it from settings.`,
    );
  }
}
