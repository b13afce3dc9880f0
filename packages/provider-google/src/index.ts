export { maskInstruction } from './build-generate-body.js';
export {
  type GoogleConfig,
  type GoogleConfigInput,
  type GoogleModelConfig,
  googleConfigSchema,
} from './google-config.js';
export { geminiApiRoot } from './google-endpoint.js';
export { defaultGoogleCapabilities, knownGoogleModels } from './google-models.js';
export { googlePlugin } from './google-plugin.js';
export { createGoogleProvider, createGoogleProviderFromConfig } from './google-provider.js';
