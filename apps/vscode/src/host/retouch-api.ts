import type { RetouchApiV1 } from '@retouch/vscode-api';
import type { ProviderCatalog } from './provider-catalog.js';

/** What `activate()` returns to other extensions; see @retouch/vscode-api for the contract. */
export function createRetouchApi(catalog: ProviderCatalog): RetouchApiV1 {
  return Object.freeze({
    version: 1 as const,
    registerProvider: (plugin, options) => catalog.register(plugin, options),
    listProviders: () => catalog.info(),
  } satisfies RetouchApiV1);
}
