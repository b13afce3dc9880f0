import { createRegistry, type ImageEditProvider } from '@retouch/core';
import { type PricingOverrides, parsePricingOverrides } from '@retouch/core/cost';
import type { RetouchPlugin } from '@retouch/core/provider';
import { endpointForRecord } from '@retouch/output';
import { loadPlugin } from '../plugins/load-plugin.js';
import { loadConfigFile } from './load-config.js';
import {
  chooseProviderName,
  type ProviderSettings,
  resolveProviderSettings,
  type SettingFlags,
} from './resolve-provider-settings.js';

export interface ConfiguredProvider {
  plugin: RetouchPlugin;
  provider: ImageEditProvider;
  settings: ProviderSettings;
  /** Base URL fit for records: no credentials, no query. */
  endpoint?: string;
  /** Prices from the config file's `pricing`, by model id. */
  pricing: PricingOverrides;
}

export interface ProviderSetup {
  flags: SettingFlags & { config?: string };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Receives every secret as soon as it is known, so any later output can be scrubbed. */
  addSecrets: (secrets: readonly string[]) => void;
}

/**
 * Turns flags, environment and config file into a ready provider: pick the plugin, load it,
 * apply settings in order of precedence, and validate them with the plugin's own schema.
 */
export async function createConfiguredProvider(setup: ProviderSetup): Promise<ConfiguredProvider> {
  const file = await loadConfigFile({
    explicitPath: setup.flags.config,
    cwd: setup.cwd,
    env: setup.env,
  });
  const providerName = chooseProviderName(setup.flags, setup.env, file);
  const { plugin } = await loadPlugin(providerName, setup.cwd);
  const settings = resolveProviderSettings({
    pluginId: plugin.id,
    providerName,
    secretFields: plugin.secretFields,
    flags: setup.flags,
    env: setup.env,
    file,
  });
  setup.addSecrets(settings.secrets);
  const provider = createRegistry([plugin]).createProvider(plugin.id, settings.pluginConfig);
  setup.addSecrets(provider.secrets ?? []);
  const pricing = parsePricingOverrides(file?.data.pricing, `${file?.path ?? 'config'}: pricing`);
  return {
    plugin,
    provider,
    settings,
    endpoint: endpointForRecord(settings.pluginConfig.baseURL),
    pricing,
  };
}
