// `@retouch/core`: what an app calls to edit images, and the types it passes and gets back.
// Plugin authors: `@retouch/core/provider`; HTTP helpers: `@retouch/core/http`; prices and
// costs: `@retouch/core/cost`; a conformance testkit: `@retouch/core/testing`.
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
export { editEach } from './batch/edit-each.js';
export type { ModelCapabilities, ModelInfo } from './contract/capabilities.js';
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
export type { JobHandle } from './contract/job-handle.js';
export type { EditProgressEvent } from './contract/progress.js';
export type { ImageEditProvider } from './contract/provider.js';
export type { EditWarning } from './contract/warning.js';
export type { CostEstimate, CostTotal, EditCost } from './cost/edit-cost.js';
export type { ModelPricing } from './cost/model-pricing.js';
export { type CheckEditInputsRequest, checkEditInputs } from './engine/check-edit-inputs.js';
export { editImage } from './engine/edit-image.js';
export { resumeEdit } from './engine/resume-edit.js';
export {
  isRetouchError,
  type RequestIssue,
  RetouchError,
  type RetouchErrorCode,
  type RetouchErrorOrigin,
  retouchErrorCodes,
} from './errors/retouch-error.js';
export { createRegistry, type ProviderRegistry } from './registry/registry.js';
export {
  definePlugin,
  type EditCall,
  type ImageFile,
  type PluginContext,
  type ProviderEditResult,
  type ProviderImage,
  type RetouchPlugin,
} from './root-deprecated.js';
