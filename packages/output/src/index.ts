export {
  type BatchApiJournal,
  type BatchApiJournalFile,
  batchApiJournalName,
  batchApiJournalSchema,
  openBatchApiJournal,
} from './batch/batch-api-journal.js';
export {
  type BatchIdentity,
  type BatchJournal,
  batchId,
  batchJournalName,
  type OpenBatchJournalOptions,
  openBatchJournal,
} from './batch/batch-journal.js';
export {
  type BatchItemQuery,
  findBatchResults,
} from './batch/find-batch-results.js';
export {
  type BatchJournalFile,
  batchJournalSchema,
  parseBatchJournal,
} from './batch/journal-file.js';
export {
  type AddCandidatesRequest,
  type AddedCandidates,
  addCandidates,
  editFolder,
} from './candidates/add-candidates.js';
export {
  type CandidateManifest,
  type CandidateSource,
  type CandidateState,
  candidateManifestSchema,
} from './candidates/candidate-manifest.js';
export {
  cleanupDiscarded,
  discardCandidates,
  restoreCandidates,
} from './candidates/discard-candidates.js';
export { type ChainStep, candidateChain, imageLineage } from './candidates/edit-chain.js';
export {
  chainRootLocation,
  type KeptCandidate,
  keepCandidate,
  keptStem,
} from './candidates/keep-candidate.js';
export {
  type Candidate,
  candidateId,
  listStoredEdits,
  parseCandidateId,
  readStoredEdit,
  type StoredEdit,
} from './candidates/list-candidates.js';
export {
  type ReplacedOriginal,
  replaceOriginal,
  type UndoReplaceOutcome,
  undoReplace,
} from './candidates/replace-original.js';
export { clearMarks, loadMarks, saveMarks } from './candidates/saved-marks.js';
export { openStoreFolder, storeFolder, storeFolderName } from './candidates/store-folder.js';
export {
  type DeliveredImage,
  type DeliverResultsRequest,
  type Delivery,
  deliverResults,
  type LostImage,
} from './deliver/deliver-results.js';
export { deliveryError } from './deliver/delivery-error.js';
export { type EmbedOutcome, embedRecord, readEmbeddedRecord } from './embed/embedded-record.js';
export { pngRecordKeyword } from './embed/png-record.js';
export {
  editedByAiSourceType,
  iptcExtensionNamespace,
  retouchXmpNamespace,
} from './embed/xmp-packet.js';
export { describeFileError } from './file-system/describe-file-error.js';
export type { OutputFileSystem } from './file-system/output-file-system.js';
export { sha256Hex } from './hash/sha256.js';
export { type OutputFormatChoice, outputFormatFor } from './naming/output-format.js';
export {
  nextOutputNumber,
  type OutputKind,
  outputExtension,
  outputName,
  outputStem,
  parseResultName,
  sidecarName,
} from './naming/output-names.js';
export {
  type EditHistoryEntry,
  type EditOutputEntry,
  groupEdits,
  type ResolvedFile,
} from './read/group-edits.js';
export {
  type FoundRecord,
  type ReadOutputRecordOptions,
  readOutputRecord,
} from './read/read-output-record.js';
export {
  createEditRecord,
  type EditDescription,
  type RecordableResult,
  type RecordedInput,
} from './record/create-edit-record.js';
export {
  type EditRecord,
  editRecordSchema,
  type RecordedBatchItem,
  type RecordedFile,
  type RecordedMarkup,
  type RecordedOptions,
  type RecordedOutput,
  type RecordedPreparedInput,
  type RecordedWarning,
  recordedOptions,
} from './record/edit-record.js';
export { endpointForRecord } from './record/endpoint-for-record.js';
export { parseEditRecord, parseEditRecordText } from './record/parse-edit-record.js';
export { ensureStore, storeFor, storeRecordsFolderName } from './store/retouch-store.js';
export {
  readStoreRecordText,
  storeRecordName,
  writeStoreRecord,
} from './store/store-record.js';
export {
  type FolderNameSet,
  type FolderNames,
  folderNames,
} from './write/folder-names.js';
export { type ProbeOptions, probeOutputFolder } from './write/probe-output-folder.js';
export { type SweepOptions, sweepStaleTemps } from './write/sweep-stale-temps.js';
export {
  type NewOutput,
  type WrittenOutput,
  writeFileExclusive,
  writeNewOutput,
} from './write/write-new-output.js';
