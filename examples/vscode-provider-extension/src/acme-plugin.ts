import { definePlugin } from '@retouch/core/provider';
import { z } from 'zod';
import { createAcmeProvider } from './acme-provider.js';

/**
 * The plugin Retouch registers. `apiKey` is a secret field: Retouch keeps it in SecretStorage
 * (the user sets it with "Retouch: Set API Key…") and passes it in at edit time.
 */
export const acmePlugin = definePlugin({
  id: 'acme-images',
  displayName: 'Acme Images (example)',
  description: 'Example provider plugin registered by another extension',
  configSchema: z.object({
    baseURL: z.string().url().default('http://127.0.0.1:4010/v1'),
    apiKey: z.string().min(1).optional(),
  }),
  secretFields: ['apiKey'],
  create: (config, context) => createAcmeProvider(config, context),
});
