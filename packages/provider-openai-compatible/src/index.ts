export { imageFieldName } from './build-multipart-body.js';
export {
  builtInModelData,
  type ModelData,
  type ModelDataEntry,
  modelDataSchema,
  parseModelData,
} from './models/model-data.js';
export {
  type BodyMode,
  type CustomModelConfig,
  customModelSchema,
  type OpenAICompatibleConfig,
  type OpenAICompatibleConfigInput,
  openAICompatibleConfigSchema,
  type Wire,
  wireSchema,
} from './openai-compatible-config.js';
export {
  builtInModels,
  chatCapabilities,
  type OpenAICompatibleModel,
  permissiveCapabilities,
} from './openai-compatible-models.js';
export { openAICompatiblePlugin } from './openai-compatible-plugin.js';
export {
  createOpenAICompatibleProvider,
  openAICompatibleProviderId,
} from './openai-compatible-provider.js';
export {
  type ImageRef,
  type OpenAICompatibleProviderOptions,
  openAICompatibleProviderOptionsSchema,
} from './openai-compatible-provider-options.js';
