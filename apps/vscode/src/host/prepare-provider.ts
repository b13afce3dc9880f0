import {
  createRegistry,
  type ImageEditProvider,
  type ModelInfo,
  RetouchError,
} from '@retouch/core';
import type { ProviderEntry } from './provider-catalog.js';
import type { RetouchServices } from './services.js';
import { builtInProviderConfig } from './settings.js';

/** A provider instance ready for one edit, with the secrets it holds (for redaction only). */
export interface PreparedProvider {
  entry: ProviderEntry;
  provider: ImageEditProvider;
  secrets: string[];
}

/**
 * Creates a provider from its settings (user-level only for built-ins, the registering
 * extension's `config()` for plugins) and its keys from SecretStorage. No network I/O.
 */
export async function prepareProvider(
  services: RetouchServices,
  id: string,
): Promise<PreparedProvider> {
  const entry = services.providers.get(id);
  if (!entry) {
    throw new RetouchError({
      code: 'invalid_request',
      message: `No Retouch provider "${id}" is available (installed: ${services.providers.ids().join(', ')}). The extension that adds it may be disabled; run "Retouch: Select Provider and Model" to pick another.`,
      issues: [{ field: 'provider', message: 'unknown provider' }],
    });
  }
  const { plugin } = entry;
  const base = entry.builtIn ? builtInProviderConfig(id) : ((await entry.options.config?.()) ?? {});
  const settingsConfig = Object.fromEntries(
    Object.entries(base).filter(([key]) => !plugin.secretFields.includes(key)),
  );
  const stored = await services.secrets.values(id, plugin.secretFields);
  const secrets = Object.values(stored);
  const provider = createRegistry([plugin]).createProvider(
    id,
    { ...settingsConfig, ...stored },
    { log: services.log.requestLogger(secrets) },
  );
  return { entry, provider, secrets };
}

/** The model's capabilities, from the provider's table or its `describeModel()` for other ids. */
export function findModel(provider: ImageEditProvider, modelId: string): ModelInfo | undefined {
  return (
    provider.models.find((model) => model.id === modelId) ??
    provider.describeModel?.(modelId)?.model
  );
}
