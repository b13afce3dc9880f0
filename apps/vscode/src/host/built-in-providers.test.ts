import { googlePlugin } from '@retouch/provider-google';
import { queuePlugin } from '@retouch/provider-queue';
import { describe, expect, it } from 'vitest';
import { sharedModuleNames } from '../../scripts/esbuild-plugins.mjs';
import { builtInProviderInfo } from './built-in-provider-info.js';
import { builtInProviders } from './built-in-providers.js';
import { lazyGooglePlugin } from './lazy-google-plugin.js';
import { lazyQueuePlugin } from './lazy-queue-plugin.js';
import { sharedModules } from './shared-modules.js';

describe('built-in providers', () => {
  it('are listed to other extensions, before the edit runtime loads, as the plugins name themselves', () => {
    expect(builtInProviderInfo).toEqual(
      builtInProviders().map(({ plugin }) => ({
        id: plugin.id,
        displayName: plugin.displayName,
        builtIn: true,
      })),
    );
  });

  it('list Google without loading it, under the names and secret fields of its real plugin', () => {
    for (const key of ['id', 'displayName', 'description', 'secretFields'] as const) {
      expect(lazyGooglePlugin[key]).toEqual(googlePlugin[key]);
    }
  });

  it('list the queue provider without loading it, under the names and secret fields of its real plugin', () => {
    for (const key of ['id', 'displayName', 'description', 'secretFields'] as const) {
      expect(lazyQueuePlugin[key]).toEqual(queuePlugin[key]);
    }
  });

  it('share with the provider chunks every name their builds expect from the edit runtime', () => {
    for (const [module, names] of Object.entries(sharedModuleNames)) {
      for (const name of names) {
        expect(sharedModules[module]?.[name], `${module} ${name}`).toBeDefined();
      }
      expect(Object.keys(sharedModules[module] ?? {}).sort()).toEqual([...names].sort());
    }
  });
});
