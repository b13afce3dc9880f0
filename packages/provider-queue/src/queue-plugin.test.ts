import { describeProviderConformance } from '@retouch/core/testing';
import { startQueueEmulator, testKey } from './__fixtures__/queue-test-setup.js';
import { queuePlugin } from './queue-plugin.js';

describeProviderConformance({
  plugin: queuePlugin,
  model: 'gpt_image_1_edit',
  config: ({ url }) => ({
    baseURL: `${url}/v1/queue`,
    apiKey: testKey,
    poll: { initialMs: 20, maxMs: 100 },
  }),
  badKeyConfig: ({ url }) => ({ baseURL: `${url}/v1/queue`, apiKey: 'not-the-right-key-9876' }),
  async startServer() {
    const emulator = await startQueueEmulator();
    return {
      url: emulator.url,
      close: () => emulator.close(),
      slowDown: (delayMs) =>
        delayMs > 0 ? emulator.setFaults([{ route: '*', delayMs }]) : emulator.clearFaults(),
    };
  },
});
