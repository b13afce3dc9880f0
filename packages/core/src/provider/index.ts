// `@retouch/core/provider`: what a plugin author needs to write a provider. The contract (the
// provider and plugin interfaces, calls, results, jobs, capabilities), the schemas a plugin's
// config and model data are checked with, and the helpers around them (errors, images, retries,
// model lifecycle). Apps import from `@retouch/core`; HTTP helpers live in `@retouch/core/http`.
export type {
  Background,
  CustomSizeRule,
  ImageMediaType,
  ModelCapabilities,
  ModelInfo,
  ModelLifecycle,
  OutputFormat,
  SizeCapabilities,
} from '../contract/capabilities.js';
export {
  httpUrlSchema,
  isoDateSchema,
  modelCapabilitiesSchema,
  modelLifecycleSchema,
  responseLimitsSchema,
} from '../contract/config-schemas.js';
export type {
  EditCall,
  ImageUsage,
  ProviderEditResult,
  ProviderImage,
} from '../contract/edit-call.js';
export type { ImageFile } from '../contract/image-file.js';
export type { JobHandle } from '../contract/job-handle.js';
export {
  type ModelTableEntry,
  modelSourceSchema,
  modelTableEntrySchema,
  modelTableSchema,
} from '../contract/model-table.js';
export {
  definePlugin,
  isRetouchPlugin,
  type PluginContext,
  type RequestLogEntry,
  type RetouchPlugin,
} from '../contract/plugin.js';
export type { EditProgressEvent, ProviderProgressEvent } from '../contract/progress.js';
export type {
  CancelOutcome,
  ImageEditProvider,
  ImageEditProviderV1,
  JobStatus,
  JobWatchOptions,
  LongJobSteps,
} from '../contract/provider.js';
export type { EditWarning } from '../contract/warning.js';
export {
  type ImagePrice,
  imagePriceSchema,
  type ModelPricing,
  modelPricingSchema,
  type TokenPrices,
  tokenPricesSchema,
} from '../cost/model-pricing.js';
export { type RetryInfo, type RetryOptions, withRetry } from '../engine/retry.js';
export {
  type ValidatedEditRequest,
  type ValidateEditRequestInput,
  validateEditRequest,
} from '../engine/validate-request.js';
export { errorFromAbortSignal, throwIfAborted } from '../errors/abort-error.js';
export {
  isRetouchError,
  type JobCancellation,
  type RequestDelivery,
  type RequestIssue,
  RetouchError,
  type RetouchErrorCode,
  type RetouchErrorOptions,
  type RetouchErrorOrigin,
  retouchErrorCodes,
  retouchErrorWith,
} from '../errors/retouch-error.js';
export { checkImageComplete } from '../inputs/check-image-complete.js';
export { encodePng, encodePngChunk, type RawImage } from '../inputs/encode-png.js';
export { type ReadImageInputOptions, readImageInput } from '../inputs/read-image-input.js';
export { type SniffedImage, sniffImage } from '../inputs/sniff-image.js';
export {
  describeModelLifecycle,
  type ModelLifecycleNotice,
  modelLifecycleWarning,
  shutdownWarningDays,
} from '../models/model-lifecycle.js';
export { type ModelRef, parseModelRef } from '../registry/model-ref.js';
export { parsePluginConfig } from '../registry/parse-plugin-config.js';
