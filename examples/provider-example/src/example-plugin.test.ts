import { describeProviderConformance } from '@retouch/core/testing';
import { startEmulator } from 'retouch-emulator';
import { examplePlugin } from './example-plugin.js';

describeProviderConformance({
  plugin: examplePlugin,
  model: 'gpt-image-1',
  config: (server) => ({ baseURL: server.url, apiKey: 'test-key' }),
  badKeyConfig: (server) => ({ baseURL: server.url, apiKey: 'wrong-key' }),
  startServer: async () => {
    const emulator = await startEmulator({ apiKey: 'test-key' });
    return {
      url: emulator.url,
      close: () => emulator.close(),
      slowDown: (delayMs) =>
        delayMs > 0 ? emulator.setFaults([{ route: '*', delayMs }]) : emulator.clearFaults(),
    };
  },
});
