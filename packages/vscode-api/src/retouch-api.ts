import type { RetouchPlugin } from '@retouch/core/provider';

/** The Retouch extension's id on the Marketplace: `publisher.name`. */
export const retouchExtensionId = 'retouch.retouch';

/** The API version this package describes. Bumped only for breaking changes. */
export const retouchApiVersion = 1;

/** Structurally a `vscode.Disposable`, so this package needs no `@types/vscode`. */
export interface RetouchDisposable {
  dispose(): void;
}

export interface RegisterProviderOptions {
  /**
   * Non-secret configuration for the plugin (base URL, headers, models…). Retouch calls it at the
   * start of every edit, so it can follow your extension's own settings. Keys named in the
   * plugin's `secretFields` are ignored here: Retouch fills them from its SecretStorage, where
   * the user puts them with "Retouch: Set API Key…".
   */
  config?: () => Record<string, unknown> | PromiseLike<Record<string, unknown>>;
  /** The model offered first when the user selects this provider. */
  defaultModel?: string;
}

export interface RetouchProviderInfo {
  id: string;
  displayName: string;
  /** True for the providers Retouch ships; false for plugins registered through this API. */
  builtIn: boolean;
}

/** Version 1 of what the Retouch extension's `activate()` returns. */
export interface RetouchApiV1 {
  readonly version: 1;
  /**
   * Adds a provider plugin (made with `definePlugin()` from `@retouch/core`). It appears in
   * "Retouch: Select Provider and Model" and gets its own secret slots. Dispose to remove it.
   * Throws a TypeError for a value that is not a plugin or whose id is taken.
   */
  registerProvider(plugin: RetouchPlugin, options?: RegisterProviderOptions): RetouchDisposable;
  /** Every provider the user can pick right now, built-in ones first. */
  listProviders(): readonly RetouchProviderInfo[];
}

export type RetouchApi = RetouchApiV1;
