import { createRegistry } from '@retouch/core';
import { describeProviderConformance } from '@retouch/core/testing';
import { describe, expect, it } from 'vitest';
import { startTestEmulator, testApiKey } from './__fixtures__/emulator-fixture.js';
import { openAICompatiblePlugin } from './openai-compatible-plugin.js';

describeProviderConformance({
  plugin: openAICompatiblePlugin,
  model: 'gpt-image-1',
  config: (server) => ({ baseURL: `${server.url}/v1`, apiKey: testApiKey }),
  badKeyConfig: (server) => ({ baseURL: `${server.url}/v1`, apiKey: 'sk-not-the-right-key-42' }),
  startServer: async () => {
    const emulator = await startTestEmulator();
    return {
      url: emulator.url,
      close: () => emulator.close(),
      slowDown: (delayMs) =>
        delayMs > 0
          ? emulator.setFaults([{ route: 'images.edits', delayMs }])
          : emulator.clearFaults(),
    };
  },
});

// The same contract over chat completions, as gateways serve image models.
describeProviderConformance({
  plugin: openAICompatiblePlugin,
  model: 'retouch-emulator/chat-image',
  config: (server) => ({ baseURL: `${server.url}/v1`, apiKey: testApiKey, wire: 'chat' }),
  badKeyConfig: (server) => ({
    baseURL: `${server.url}/v1`,
    apiKey: 'sk-not-the-right-key-42',
    wire: 'chat',
  }),
  startServer: async () => {
    const emulator = await startTestEmulator();
    return {
      url: emulator.url,
      close: () => emulator.close(),
      slowDown: (delayMs) =>
        delayMs > 0
          ? emulator.setFaults([{ route: 'chat.completions', delayMs }])
          : emulator.clearFaults(),
    };
  },
});

describe('openAICompatiblePlugin through the registry', () => {
  it('resolves openai-compatible:model with the built-in table', () => {
    const { provider, model } = createRegistry([openAICompatiblePlugin]).resolve(
      'openai-compatible:gpt-image-2',
      { 'openai-compatible': { apiKey: testApiKey } },
    );
    expect(model).toBe('gpt-image-2');
    expect(provider.models.map((entry) => entry.id)).toEqual(
      expect.arrayContaining(['gpt-image-2', 'gpt-image-1.5', 'dall-e-2']),
    );
    expect(provider.secrets).toContain(testApiKey);
  });

  it('names the bad field of an invalid configuration without echoing the key', () => {
    let error: unknown;
    try {
      createRegistry([openAICompatiblePlugin]).createProvider('openai-compatible', {
        apiKey: testApiKey,
        authStyle: 'basic',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect((error as Error).message).toContain('authStyle');
    expect((error as Error).message).not.toContain(testApiKey);
  });
});
