import { createRegistry } from '@retouch/core';
import { describeProviderConformance } from '@retouch/core/testing';
import { describe, expect, it } from 'vitest';
import { emulatorConfig, startTestEmulator, testApiKey } from './__fixtures__/emulator-fixture.js';
import { googlePlugin } from './google-plugin.js';

const conformance = (model: string) =>
  describeProviderConformance({
    plugin: googlePlugin,
    model,
    config: (server) => emulatorConfig(server.url),
    badKeyConfig: (server) => ({ ...emulatorConfig(server.url), apiKey: 'not-the-right-key-42' }),
    startServer: async () => {
      const emulator = await startTestEmulator();
      return {
        url: emulator.url,
        close: () => emulator.close(),
        slowDown: (delayMs) =>
          delayMs > 0
            ? emulator.setFaults([{ route: 'gemini.generateContent', delayMs }])
            : emulator.clearFaults(),
      };
    },
  });

conformance('gemini-3-pro-image');
conformance('gemini-2.5-flash-image');

describe('googlePlugin through the registry', () => {
  it('resolves google:model with the built-in table, and keeps the key out of its description', () => {
    const { provider, model } = createRegistry([googlePlugin]).resolve(
      'google:gemini-3.1-flash-image',
      { google: { apiKey: testApiKey } },
    );
    expect(provider.id).toBe('google');
    expect(provider.models.find((m) => m.id === model)?.capabilities.sizes.presets).toContain(
      '2752x1536',
    );
    expect(provider.secrets).toEqual([testApiKey]);
  });
});
