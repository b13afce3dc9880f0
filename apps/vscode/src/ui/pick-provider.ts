import * as vscode from 'vscode';
import type { ProviderEntry } from '../host/provider-catalog.js';
import type { RetouchServices } from '../host/services.js';
import { selectedProviderAndModel } from '../host/settings.js';

interface ProviderItem extends vscode.QuickPickItem {
  entry: ProviderEntry;
}

/** A quick pick of the built-in and registered providers, the selected one first. */
export async function pickProvider(
  services: RetouchServices,
  title: string,
  describe?: (entry: ProviderEntry) => Promise<string | undefined>,
): Promise<ProviderEntry | undefined> {
  const current = selectedProviderAndModel().provider;
  const entries = services.providers.list();
  const items: ProviderItem[] = await Promise.all(
    entries.map(async (entry) => ({
      entry,
      label: entry.plugin.displayName,
      description: [
        entry.plugin.id,
        entry.plugin.id === current ? 'selected' : undefined,
        await describe?.(entry),
      ]
        .filter(Boolean)
        .join(' · '),
      detail:
        entry.plugin.description ?? (entry.builtIn ? undefined : 'Added by another extension'),
    })),
  );
  items.sort(
    (a, b) => Number(b.entry.plugin.id === current) - Number(a.entry.plugin.id === current),
  );
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Choose a provider',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  return picked?.entry;
}
