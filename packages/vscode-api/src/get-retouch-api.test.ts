import { describe, expect, it } from 'vitest';
import { getRetouchApi } from './get-retouch-api.js';

function vscodeWith(extensions: Record<string, unknown>) {
  const activated: string[] = [];
  return {
    activated,
    vscode: {
      extensions: {
        getExtension(id: string) {
          if (!(id in extensions)) return undefined;
          return {
            activate: async () => {
              activated.push(id);
              return extensions[id];
            },
          };
        },
      },
    },
  };
}

describe('getRetouchApi', () => {
  it('activates retouch.retouch and returns its version 1 API', async () => {
    const api = { version: 1, registerProvider: () => ({ dispose() {} }), listProviders: () => [] };
    const { vscode, activated } = vscodeWith({ 'retouch.retouch': api });
    await expect(getRetouchApi(vscode)).resolves.toBe(api);
    expect(activated).toEqual(['retouch.retouch']);
  });

  it('returns undefined when Retouch is not installed', async () => {
    const { vscode } = vscodeWith({});
    await expect(getRetouchApi(vscode)).resolves.toBeUndefined();
  });

  it('refuses an API version it does not know, naming both versions', async () => {
    const { vscode } = vscodeWith({ 'retouch.retouch': { version: 2 } });
    await expect(getRetouchApi(vscode)).rejects.toThrow(/API version 2.*expects 1/);
  });
});
