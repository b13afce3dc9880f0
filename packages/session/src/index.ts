export {
  cancelOutcomeOf,
  describeCancelOutcome,
  type EditCancelOutcome,
} from './advice/cancel-outcome.js';
export {
  type AdviceAction,
  type AdviceContext,
  adviseError,
  describeIssue,
  type ErrorAdvice,
} from './advice/error-advice.js';
export { type ExitCode, exitCodeForErrorCode, exitCodes } from './advice/exit-codes.js';
export {
  estimateSend,
  type SendEstimate,
  type SendEstimateRequest,
} from './cost/estimate-send.js';
export { formatCost, formatCostTotal } from './cost/format-cost.js';
export {
  estimateInputCost,
  type InputCost,
  imageInputTokens,
} from './cost/input-token-estimate.js';
export { createSession, type Session } from './create-session.js';
export type { CandidatesSink } from './deliver/candidates-sink.js';
export { type DeliverEditRequest, deliverEdit } from './deliver/deliver-edit.js';
export type { DeliveredEdit, MarkupInput } from './deliver/delivered-edit.js';
export { batchIdentity } from './each/batch-identity.js';
export {
  type BatchApiEachControls,
  type BatchApiEachItemReport,
  type BatchApiEachOutcome,
  type DeliveredOutputs,
  performBatchApiEach,
} from './each/perform-batch-api-each.js';
export {
  type EachControls,
  type EachItemReport,
  type EachOutcome,
  performEach,
} from './each/perform-each.js';
export { editHistoryOf } from './history/edit-history-of.js';
export type { FolderAdvice, SessionHost, SessionLog } from './host/session-host.js';
export { frameMarkupPrompt, type MarkupDelivery } from './markup/frame-markup-prompt.js';
export {
  type MarkupEdit,
  markupDeliveryFor,
  markupEditInputs,
} from './markup/markup-edit-inputs.js';
export { batchPriceFactor, batchTotal, describeBatchPrice } from './plan/batch-price.js';
export { type CheckInputsRequest, checkInputs, type InputCheck } from './plan/check-inputs.js';
export type { EditOptions, EditPlan, EditRequest } from './plan/edit-request.js';
export { planEdit } from './plan/plan-edit.js';
export { builtInPresets } from './presets/built-in-presets.js';
export {
  type ListedPreset,
  type PresetOptions,
  type PromptPreset,
  presetOptionsSchema,
  promptPresetListSchema,
  promptPresetSchema,
} from './presets/preset-schema.js';
export {
  applyPreset,
  describePresetOptions,
  listPresets,
  type ParsedUserPresets,
  parseUserPresets,
  presetKey,
  resolvePreset,
} from './presets/resolve-preset.js';
export {
  batchStatusWords,
  describeBatchApiEvent,
  isBatchFinal,
} from './progress/batch-api-progress.js';
export {
  describeEachProgress,
  type EachProgress,
  initialEachProgress,
  reduceEachProgress,
} from './progress/each-progress.js';
export {
  describeEditFacts,
  describeEditProgress,
  describeQueuePlace,
  describeQueuePosition,
  type EditProgress,
  formatElapsed,
  initialEditProgress,
  reduceEditProgress,
  type SessionProgressEvent,
  shownServerText,
} from './progress/edit-progress.js';
export { type DryRun, dryRun } from './run/dry-run.js';
export { type PlanInputHashes, pendingEditOf } from './run/pending-edit-of.js';
export { type EditControls, type EditOutcome, performEdit } from './run/perform-edit.js';
export {
  keepPendingEdit,
  type PendingEdit,
  type ResumeControls,
  resumePendingEdit,
} from './run/resume-pending-edit.js';
