import {
  createRegistry,
  type ImageEditProvider,
  isRetouchPlugin,
  type ModelInfo,
  type RequestLogEntry,
  RetouchError,
  type RetouchPlugin,
} from '@retouch/core';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import { queuePlugin } from '@retouch/provider-queue';
import type { RegisterProviderOptions } from '@retouch/vscode-api';
import * as vscode from 'vscode';
import type { ProviderSecrets } from './secrets.js';
import { builtInProviderConfig } from './settings.js';

export interface ProviderEntry {
  plugin: RetouchPlugin;
  builtIn: boolean;
  options: RegisterProviderOptions;
}

/** A provider instance ready for one edit, with the secrets it holds (for redaction only). */
export interface PreparedProvider {
  entry: ProviderEntry;
  provider: ImageEditProvider;
  secrets: string[];
}

/** The built-in plugins plus every plugin other extensions registered through the API. */
export class ProviderCatalog implements vscode.Disposable {
  private readonly entries = new Map<string, ProviderEntry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: ProviderSecrets) {
    this.entries.set(openAICompatiblePlugin.id, {
      plugin: openAICompatiblePlugin,
      builtIn: true,
      options: { defaultModel: 'gpt-image-2' },
    });
    this.entries.set(queuePlugin.id, {
      plugin: queuePlugin,
      builtIn: true,
      options: { defaultModel: 'fal-ai/flux-pro/kontext' },
    });
  }

  list(): ProviderEntry[] {
    return [...this.entries.values()].sort((a, b) => Number(b.builtIn) - Number(a.builtIn));
  }

  get(id: string): ProviderEntry | undefined {
    return this.entries.get(id);
  }

  register(plugin: RetouchPlugin, options: RegisterProviderOptions = {}): vscode.Disposable {
    if (!isRetouchPlugin(plugin)) {
      throw new TypeError(
        'registerProvider() takes a plugin made with definePlugin() from @retouch/core.',
      );
    }
    if (this.entries.has(plugin.id)) {
      throw new TypeError(`A Retouch provider with id "${plugin.id}" is already registered.`);
    }
    const entry: ProviderEntry = { plugin, builtIn: false, options };
    this.entries.set(plugin.id, entry);
    this.changed.fire();
    return new vscode.Disposable(() => {
      if (this.entries.get(plugin.id) === entry) {
        this.entries.delete(plugin.id);
        this.changed.fire();
      }
    });
  }

  /**
   * Creates a provider from its settings (user-level only for built-ins, the registering
   * extension's `config()` for plugins) and its keys from SecretStorage. No network I/O.
   */
  async prepare(
    id: string,
    logFor: (secrets: string[]) => (entry: RequestLogEntry) => void,
  ): Promise<PreparedProvider> {
    const entry = this.entries.get(id);
    if (!entry) {
      throw new RetouchError({
        code: 'invalid_request',
        message: `No Retouch provider "${id}" is available (installed: ${[...this.entries.keys()].join(', ')}). The extension that adds it may be disabled; run "Retouch: Select Provider and Model" to pick another.`,
        issues: [{ field: 'provider', message: 'unknown provider' }],
      });
    }
    const { plugin } = entry;
    const base = entry.builtIn
      ? builtInProviderConfig(id)
      : ((await entry.options.config?.()) ?? {});
    const settingsConfig = Object.fromEntries(
      Object.entries(base).filter(([key]) => !plugin.secretFields.includes(key)),
    );
    const stored = await this.secrets.values(id, plugin.secretFields);
    const secrets = Object.values(stored);
    const provider = createRegistry([plugin]).createProvider(
      id,
      { ...settingsConfig, ...stored },
      { log: logFor(secrets) },
    );
    return { entry, provider, secrets };
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The model's capabilities, from the provider's table or its `describeModel()` for other ids. */
export function findModel(provider: ImageEditProvider, modelId: string): ModelInfo | undefined {
  return (
    provider.models.find((model) => model.id === modelId) ??
    provider.describeModel?.(modelId)?.model
  );
}
