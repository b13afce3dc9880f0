import type { PluginContext, RetouchPlugin } from '../contract/plugin.js';
import { isRetouchPlugin } from '../contract/plugin.js';
import type { ImageEditProvider } from '../contract/provider.js';
import { RetouchError } from '../errors/retouch-error.js';
import { parseModelRef } from './model-ref.js';
import { parsePluginConfig } from './parse-plugin-config.js';

export interface ProviderRegistry {
  register(plugin: RetouchPlugin): void;
  get(id: string): RetouchPlugin | undefined;
  list(): RetouchPlugin[];
  /** Validates `config` with the plugin's schema and creates a provider. */
  createProvider(id: string, config: unknown, context?: PluginContext): ImageEditProvider;
  /** Resolves `provider:model` to a provider instance and the model id. */
  resolve(
    ref: string,
    configs: Readonly<Record<string, unknown>>,
    context?: PluginContext,
  ): { provider: ImageEditProvider; model: string };
}

export function createRegistry(plugins: readonly RetouchPlugin[] = []): ProviderRegistry {
  const byId = new Map<string, RetouchPlugin>();

  const registry: ProviderRegistry = {
    register(plugin) {
      if (!isRetouchPlugin(plugin)) {
        throw new TypeError(
          'Only plugins made with definePlugin() from @retouch/core can be registered.',
        );
      }
      if (byId.has(plugin.id)) {
        throw new TypeError(`A provider plugin with id "${plugin.id}" is already registered.`);
      }
      byId.set(plugin.id, plugin);
    },
    get: (id) => byId.get(id),
    list: () => [...byId.values()],
    createProvider(id, config, context = {}) {
      const plugin = byId.get(id);
      if (!plugin) {
        throw new RetouchError({
          code: 'invalid_request',
          message: `No provider "${id}" is registered. Available: ${[...byId.keys()].join(', ') || 'none'}.`,
          issues: [{ field: 'provider', message: 'unknown provider' }],
        });
      }
      const parsed = parsePluginConfig(plugin, config);
      return withDeclaredSecrets(plugin.create(parsed, context), plugin, parsed);
    },
    resolve(ref, configs, context) {
      const { provider, model } = parseModelRef(ref);
      return { provider: registry.createProvider(provider, configs[provider], context), model };
    },
  };

  for (const plugin of plugins) registry.register(plugin);
  return registry;
}

/**
 * The engine scrubs `provider.secrets` from every error. A plugin that forgets to list its key
 * there still declared it in `secretFields`, so the registry adds the values it knows about.
 */
function withDeclaredSecrets(
  provider: ImageEditProvider,
  plugin: RetouchPlugin,
  config: unknown,
): ImageEditProvider {
  const declared = plugin.secretFields
    .map((field) => (config as Record<string, unknown> | null)?.[field])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  const known = new Set(provider.secrets ?? []);
  const missing = declared.filter((secret) => !known.has(secret));
  if (missing.length === 0) return provider;
  // A prototype link keeps the provider's own methods and `this` intact, whatever its shape.
  return Object.create(provider, {
    secrets: { value: [...known, ...missing], enumerable: true },
  }) as ImageEditProvider;
}
