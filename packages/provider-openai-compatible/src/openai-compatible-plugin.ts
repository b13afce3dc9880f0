import { definePlugin } from '@retouch/core/provider';
import { openAICompatibleConfigSchema } from './openai-compatible-config.js';
import {
  createOpenAICompatibleProvider,
  openAICompatibleProviderId,
} from './openai-compatible-provider.js';

/** Any OpenAI-compatible `/images/edits` endpoint: OpenAI, Azure OpenAI, gateways, the emulator. */
export const openAICompatiblePlugin = definePlugin({
  id: openAICompatibleProviderId,
  displayName: 'OpenAI-compatible',
  description:
    'Any OpenAI-compatible /v1/images/edits endpoint (OpenAI, Azure OpenAI, gateways): multipart or JSON bodies, streaming partial images.',
  configSchema: openAICompatibleConfigSchema,
  secretFields: ['apiKey'],
  create: (config, context) => createOpenAICompatibleProvider(config, context),
});
