import { isRetouchPlugin, type RetouchPlugin } from '@retouch/core/provider';
import type { RegisterProviderOptions, RetouchProviderInfo } from '@retouch/vscode-api';
import * as vscode from 'vscode';
import { builtInProviderInfo } from './built-in-provider-info.js';

export interface ProviderEntry {
  plugin: RetouchPlugin;
  builtIn: boolean;
  options: RegisterProviderOptions;
}

/**
 * The built-in plugins plus every plugin other extensions registered through the API. Part of
 * the activation file: registering a plugin never loads the engine. The built-in plugins
 * themselves come from the edit runtime, on first use.
 */
export class ProviderCatalog implements vscode.Disposable {
  private readonly registered = new Map<string, ProviderEntry>();
  private builtIns: ReadonlyMap<string, ProviderEntry> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly loadBuiltIns: () => readonly ProviderEntry[]) {}

  private builtInEntries(): ReadonlyMap<string, ProviderEntry> {
    this.builtIns ??= new Map(this.loadBuiltIns().map((entry) => [entry.plugin.id, entry]));
    return this.builtIns;
  }

  /** Built-in providers first. Loads the edit runtime. */
  list(): ProviderEntry[] {
    return [...this.builtInEntries().values(), ...this.registered.values()];
  }

  /** Loads the edit runtime for a built-in id. */
  get(id: string): ProviderEntry | undefined {
    return this.registered.get(id) ?? (isBuiltIn(id) ? this.builtInEntries().get(id) : undefined);
  }

  /** Whether `id` can be used right now, without loading anything. */
  has(id: string): boolean {
    return isBuiltIn(id) || this.registered.has(id);
  }

  /** What the API's `listProviders()` returns; loads nothing. */
  info(): RetouchProviderInfo[] {
    return [
      ...builtInProviderInfo,
      ...[...this.registered.values()].map(({ plugin }) => ({
        id: plugin.id,
        displayName: plugin.displayName,
        builtIn: false,
      })),
    ];
  }

  register(plugin: RetouchPlugin, options: RegisterProviderOptions = {}): vscode.Disposable {
    if (!isRetouchPlugin(plugin)) {
      throw new TypeError(
        'registerProvider() takes a plugin made with definePlugin() from @retouch/core.',
      );
    }
    if (this.has(plugin.id)) {
      throw new TypeError(`A Retouch provider with id "${plugin.id}" is already registered.`);
    }
    const entry: ProviderEntry = { plugin, builtIn: false, options };
    this.registered.set(plugin.id, entry);
    this.changed.fire();
    return new vscode.Disposable(() => {
      if (this.registered.get(plugin.id) === entry) {
        this.registered.delete(plugin.id);
        this.changed.fire();
      }
    });
  }

  /** Ids of every provider, for messages; loads nothing. */
  ids(): string[] {
    return this.info().map((provider) => provider.id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function isBuiltIn(id: string): boolean {
  return builtInProviderInfo.some((provider) => provider.id === id);
}
