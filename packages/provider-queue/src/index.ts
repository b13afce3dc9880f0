export { defaultFieldMapping, type FieldMapping, type FieldMappingInput } from './field-mapping.js';
export type { QueueJob } from './job-handle.js';
export {
  type QueueConfig,
  type QueueConfigInput,
  type QueueModelConfig,
  queueConfigSchema,
  type UploadHook,
} from './queue-config.js';
export { defaultQueueCapabilities, knownQueueModels, type QueueModel } from './queue-models.js';
export { queuePlugin } from './queue-plugin.js';
export { createQueueProvider, createQueueProviderFromConfig } from './queue-provider.js';
