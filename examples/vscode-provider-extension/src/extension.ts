import { getRetouchApi } from '@retouch/vscode-api';
import * as vscode from 'vscode';
import { acmePlugin } from './acme-plugin.js';

/**
 * Activated by Retouch's own commands (see activationEvents), so the provider is registered
 * before Retouch shows its provider list.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const retouch = await getRetouchApi(vscode);
  if (!retouch) return; // Retouch is not installed or is disabled.
  context.subscriptions.push(
    retouch.registerProvider(acmePlugin, {
      // Only the user's own value: a workspace must not redirect the key Retouch hands us.
      config: () => ({
        baseURL: vscode.workspace.getConfiguration('acmeImages').inspect<string>('baseURL')
          ?.globalValue,
      }),
      defaultModel: 'acme-edit-1',
    }),
  );
}

export function deactivate(): void {}
