import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import { queuePlugin } from '@retouch/provider-queue';
import type { ProviderEntry } from './provider-catalog.js';

/** The providers Retouch ships, with the model each offers first. Part of the edit runtime. */
export function builtInProviders(): ProviderEntry[] {
  return [
    { plugin: openAICompatiblePlugin, builtIn: true, options: { defaultModel: 'gpt-image-2' } },
    { plugin: queuePlugin, builtIn: true, options: { defaultModel: 'fal-ai/flux-pro/kontext' } },
  ];
}
