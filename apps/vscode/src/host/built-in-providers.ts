import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import { lazyGooglePlugin } from './lazy-google-plugin.js';
import { lazyQueuePlugin } from './lazy-queue-plugin.js';
import type { ProviderEntry } from './provider-catalog.js';

/** The providers Retouch ships, with the model each offers first. Part of the edit runtime. */
export function builtInProviders(): ProviderEntry[] {
  return [
    { plugin: openAICompatiblePlugin, builtIn: true, options: { defaultModel: 'gpt-image-2' } },
    {
      plugin: lazyQueuePlugin,
      builtIn: true,
      options: { defaultModel: 'fal-ai/flux-pro/kontext' },
    },
    { plugin: lazyGooglePlugin, builtIn: true, options: { defaultModel: 'gemini-3-pro-image' } },
  ];
}
