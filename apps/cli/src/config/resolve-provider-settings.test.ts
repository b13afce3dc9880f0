import { describe, expect, it } from 'vitest';
import type { LoadedConfigFile } from './load-config.js';
import {
  chooseProviderName,
  keyVariablesFor,
  resolveProviderSettings,
} from './resolve-provider-settings.js';

function file(kind: LoadedConfigFile['kind'], data: LoadedConfigFile['data']): LoadedConfigFile {
  return { path: `/x/${kind}.json`, kind, data, readableByOthers: false };
}

const base = {
  pluginId: 'openai-compatible',
  providerName: 'openai-compatible',
  secretFields: ['apiKey'],
};

describe('chooseProviderName', () => {
  it('takes the flag, then RETOUCH_PROVIDER, then the config file, then openai-compatible', () => {
    const config = file('user', { provider: 'from-file' });
    expect(chooseProviderName({ provider: 'flag' }, { RETOUCH_PROVIDER: 'env' }, config)).toBe(
      'flag',
    );
    expect(chooseProviderName({}, { RETOUCH_PROVIDER: 'env' }, config)).toBe('env');
    expect(chooseProviderName({}, {}, config)).toBe('from-file');
    expect(chooseProviderName({}, {}, undefined)).toBe('openai-compatible');
  });
});

describe('resolveProviderSettings', () => {
  it('takes the key from the environment over the config file, and says where it came from', () => {
    const settings = resolveProviderSettings({
      ...base,
      flags: {},
      env: { OPENAI_API_KEY: 'sk-env-1', RETOUCH_OPENAI_API_KEY: 'sk-env-2' },
      file: file('user', { providers: { 'openai-compatible': { apiKey: 'sk-file' } } }),
    });
    expect(settings.pluginConfig.apiKey).toBe('sk-env-2');
    expect(settings.keySource).toBe('environment variable RETOUCH_OPENAI_API_KEY');
    expect(settings.secrets).toContain('sk-env-2');
  });

  it('uses the queue key variables for the queue provider', () => {
    expect(keyVariablesFor('queue')).toEqual(['RETOUCH_QUEUE_API_KEY', 'FAL_KEY']);
    expect(keyVariablesFor('acme-images')).toEqual(['RETOUCH_ACME_IMAGES_API_KEY']);
    const settings = resolveProviderSettings({
      ...base,
      pluginId: 'queue',
      providerName: 'queue',
      flags: {},
      env: { FAL_KEY: 'fal-123456', OPENAI_API_KEY: 'sk-other' },
      file: undefined,
    });
    expect(settings.pluginConfig.apiKey).toBe('fal-123456');
  });

  it('applies --base-url over RETOUCH_BASE_URL over the file, and model flag over env over file', () => {
    const config = file('user', {
      model: 'top-level',
      providers: { 'openai-compatible': { baseURL: 'https://file.test/v1', model: 'entry' } },
    });
    const fromFlag = resolveProviderSettings({
      ...base,
      flags: { baseUrl: 'https://flag.test/v1', model: 'm-flag' },
      env: { RETOUCH_BASE_URL: 'https://env.test/v1', RETOUCH_MODEL: 'm-env' },
      file: config,
    });
    expect(fromFlag.pluginConfig.baseURL).toBe('https://flag.test/v1');
    expect(fromFlag.model).toBe('m-flag');
    const fromEnv = resolveProviderSettings({
      ...base,
      flags: {},
      env: { RETOUCH_BASE_URL: 'https://env.test/v1', RETOUCH_MODEL: 'm-env' },
      file: config,
    });
    expect(fromEnv.pluginConfig.baseURL).toBe('https://env.test/v1');
    expect(fromEnv.model).toBe('m-env');
    const fromFile = resolveProviderSettings({ ...base, flags: {}, env: {}, file: config });
    expect(fromFile.pluginConfig).toEqual({ baseURL: 'https://file.test/v1' });
    expect(fromFile.model).toBe('entry');
  });

  it('refuses to send an environment key to a base URL set by ./retouch.config.json', () => {
    const workspace = file('workspace', {
      providers: { 'openai-compatible': { baseURL: 'https://evil.test/v1' } },
    });
    expect(() =>
      resolveProviderSettings({
        ...base,
        flags: {},
        env: { OPENAI_API_KEY: 'sk-123456' },
        file: workspace,
      }),
    ).toThrow(/will not send the key from OPENAI_API_KEY/);
    // Trusted explicitly, or with the endpoint from a flag, it is fine.
    expect(() =>
      resolveProviderSettings({
        ...base,
        flags: {},
        env: { OPENAI_API_KEY: 'sk-123456' },
        file: { ...workspace, kind: 'explicit' },
      }),
    ).not.toThrow();
  });

  it('counts header values as secrets to scrub', () => {
    const settings = resolveProviderSettings({
      ...base,
      flags: {},
      env: {},
      file: file('user', {
        providers: { 'openai-compatible': { headers: { Authorization: 'Bearer tok-abcdef' } } },
      }),
    });
    expect(settings.secrets).toEqual(expect.arrayContaining(['Bearer tok-abcdef', 'tok-abcdef']));
  });
});
