export type {
  BatchCounts,
  BatchEvent,
  BatchJournalPort,
  BatchSummary,
  DeliveredItem,
  EachItem,
  EditEachRequest,
  ItemOutcome,
  JournalEntry,
} from './batch/batch-types.js';
export { type CheckedEdit, checkEdit } from './batch/check-edit.js';
export { defaultEachConcurrency, editEach } from './batch/edit-each.js';
export type {
  Background,
  CustomSizeRule,
  ImageMediaType,
  ModelCapabilities,
  ModelInfo,
  ModelLifecycle,
  OutputFormat,
  SizeCapabilities,
} from './contract/capabilities.js';
export {
  httpUrlSchema,
  isoDateSchema,
  modelCapabilitiesSchema,
  modelLifecycleSchema,
  responseLimitsSchema,
} from './contract/config-schemas.js';
export type {
  EditCall,
  ImageUsage,
  ProviderEditResult,
  ProviderImage,
} from './contract/edit-call.js';
export type {
  EditCallSummary,
  EditedImage,
  EditImageOptions,
  EditImageRequest,
  EditImageResult,
  EditRunOptions,
  ImageInput,
  ResumeEditRequest,
} from './contract/edit-request.js';
export type { ImageFile } from './contract/image-file.js';
export type { JobHandle } from './contract/job-handle.js';
export {
  type ModelTableEntry,
  modelSourceSchema,
  modelTableEntrySchema,
  modelTableSchema,
} from './contract/model-table.js';
export type { PluginContext, RequestLogEntry, RetouchPlugin } from './contract/plugin.js';
export { definePlugin, isRetouchPlugin } from './contract/plugin.js';
export type { EditProgressEvent, ProviderProgressEvent } from './contract/progress.js';
export type {
  CancelOutcome,
  ImageEditProvider,
  ImageEditProviderV1,
  JobStatus,
  JobWatchOptions,
  LongJobSteps,
} from './contract/provider.js';
export type { EditWarning } from './contract/warning.js';
export { type CostOfEditInput, costOfEdit } from './cost/cost-of-edit.js';
export { type CostEstimate, type CostTotal, type EditCost, totalCost } from './cost/edit-cost.js';
export { type EstimateInput, estimateEditCost } from './cost/estimate-cost.js';
export { formatMoney } from './cost/format-money.js';
export {
  type ImagePrice,
  imagePriceSchema,
  type ModelPricing,
  modelPricingSchema,
  type TokenPrices,
  tokenPricesSchema,
} from './cost/model-pricing.js';
export {
  type PricingOverrides,
  parsePricingOverrides,
  pricingFor,
} from './cost/resolve-pricing.js';
export { type CheckEditInputsRequest, checkEditInputs } from './engine/check-edit-inputs.js';
export { editImage } from './engine/edit-image.js';
export { resumeEdit } from './engine/resume-edit.js';
export { type RetryInfo, type RetryOptions, withRetry } from './engine/retry.js';
export {
  type ValidatedEditRequest,
  type ValidateEditRequestInput,
  validateEditRequest,
} from './engine/validate-request.js';
export { errorFromAbortSignal, throwIfAborted } from './errors/abort-error.js';
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
} from './errors/retouch-error.js';
export { checkImageComplete } from './inputs/check-image-complete.js';
export { encodePng, encodePngChunk, type RawImage } from './inputs/encode-png.js';
export { type ReadImageInputOptions, readImageInput } from './inputs/read-image-input.js';
export { type SniffedImage, sniffImage } from './inputs/sniff-image.js';
export {
  describeModelLifecycle,
  type ModelLifecycleNotice,
  modelLifecycleWarning,
  shutdownWarningDays,
} from './models/model-lifecycle.js';
export { type ModelRef, parseModelRef } from './registry/model-ref.js';
export { parsePluginConfig } from './registry/parse-plugin-config.js';
export { createRegistry, type ProviderRegistry } from './registry/registry.js';
export { type SanitizeOptions, sanitizeServerText } from './text/sanitize-server-text.js';
