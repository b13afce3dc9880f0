export {
  type BatchApiLimits,
  type BatchApiLine,
  type BatchApiLineResult,
  type BatchApiProvider,
  type BatchApiState,
  type BatchApiStatus,
  type BatchApiSteps,
  batchApiOf,
  finalBatchApiStatuses,
} from './batch-api-contract.js';
export type { BatchApiJournalPort, BatchApiPart } from './batch-api-journal.js';
export { batchApiPricing } from './batch-api-pricing.js';
export type { BatchApiEditRequest, BatchApiEvent, BatchApiSummary } from './batch-api-types.js';
export { runBatchApiEdit } from './run-batch-api-edit.js';
