import { describe, expect, it } from 'vitest';
import { builtInProviderInfo } from './built-in-provider-info.js';
import { builtInProviders } from './built-in-providers.js';

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
});
