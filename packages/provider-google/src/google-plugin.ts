import { definePlugin } from '@retouch/core/provider';
import { googleConfigSchema } from './google-config.js';
import {
  createGoogleProviderFromConfig,
  googleDisplayName,
  googleProviderId,
} from './google-provider.js';

/** The `google` plugin: register it, then refer to models as `google:<model>`. */
export const googlePlugin = definePlugin({
  id: googleProviderId,
  displayName: googleDisplayName,
  description:
    "Google's Gemini image models (Nano Banana) through generateContent, on the Gemini API or Vertex AI.",
  configSchema: googleConfigSchema,
  secretFields: ['apiKey'],
  create: (config, context) => createGoogleProviderFromConfig(config, context),
});
