import { definePlugin } from '@retouch/core/provider';
import { queueProviderId } from './queue-client.js';
import { queueConfigSchema } from './queue-config.js';
import { createQueueProviderFromConfig } from './queue-provider.js';

/** The `queue` plugin: register it, then refer to models as `queue:<endpoint id>`. */
export const queuePlugin = definePlugin({
  id: queueProviderId,
  displayName: 'Queue (fal-style)',
  description:
    'fal.ai and other fal-style queue APIs: submit, follow status by server-sent events or polling, fetch, cancel and resume.',
  configSchema: queueConfigSchema,
  secretFields: ['apiKey'],
  create: (config, context) => createQueueProviderFromConfig(config, context),
});
