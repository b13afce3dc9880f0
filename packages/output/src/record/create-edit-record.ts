import type { EditCost, EditImageOptions, EditImageResult } from '@retouch/core';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import {
  type EditRecord,
  editRecordSchema,
  type RecordedBatchItem,
  type RecordedMarkup,
  type RecordedOutput,
  recordedOptions,
} from './edit-record.js';
import { endpointForRecord } from './endpoint-for-record.js';
import { recordPath } from './record-path.js';

/** An input file of the edit and its SHA-256 (hex). */
export interface RecordedInput<Location> {
  location: Location;
  sha256: string;
}

/** What the app knows about an edit besides its result. */
export interface EditDescription<Location> {
  /** Shared by all results of the edit; a random UUID is a good one. */
  editId: string;
  tool: { name: string; version: string };
  prompt: string;
  /** The provider's base URL as configured; only scheme, host and path are recorded. */
  baseURL?: string;
  options: EditImageOptions;
  sources: readonly RecordedInput<Location>[];
  mask?: RecordedInput<Location>;
  /** The marked-up copy of the first source that was sent, and how (see `RecordedMarkup`). */
  markup?: RecordedInput<Location> & Pick<RecordedMarkup, 'delivery' | 'sentPrompt'>;
  createdAt?: Date;
  /** What the edit cost (core's `costOfEdit`), recorded with every result. */
  cost?: EditCost;
  /** The batch and item this edit is, for a batch's results (see `findBatchResults`). */
  batch?: RecordedBatchItem;
}

export type RecordableResult = Pick<
  EditImageResult,
  'provider' | 'model' | 'images' | 'calls' | 'usage' | 'warnings' | 'preparedInputs'
>;

/** The input URLs a provider reported (`providerMetadata.inputUrls`), without repeats. */
function inputUrlsOf(result: RecordableResult): string[] {
  const urls = result.calls.flatMap((call) => {
    const reported = call.providerMetadata?.inputUrls;
    return Array.isArray(reported) ? reported.filter((url) => typeof url === 'string') : [];
  });
  return [...new Set(urls)];
}

/**
 * The record for result `index` of an edit, as written into `folder` under `file`. Inputs are
 * recorded relative to `folder` when close by, unless `absolutePaths` (for a result saved to a
 * fallback folder, which the user will move).
 */
export function createEditRecord<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  edit: EditDescription<Location>,
  result: RecordableResult,
  index: number,
  file: string,
  absolutePaths = false,
): EditRecord {
  const image = result.images[index]!;
  const endpoint = endpointForRecord(edit.baseURL);
  const inputUrls = inputUrlsOf(result);
  const output: RecordedOutput = {
    file,
    index,
    count: result.images.length,
    mediaType: image.mediaType,
    width: image.width,
    height: image.height,
    ...(image.revisedPrompt ? { revisedPrompt: image.revisedPrompt } : {}),
  };
  const pinned = (input: RecordedInput<Location>) => ({
    path: recordPath(fs, folder, input.location, absolutePaths),
    sha256: input.sha256,
  });
  return {
    schema: editRecordSchema,
    editId: edit.editId,
    createdAt: (edit.createdAt ?? new Date()).toISOString(),
    tool: edit.tool,
    prompt: edit.prompt,
    provider: result.provider,
    model: result.model,
    ...(endpoint ? { endpoint } : {}),
    options: recordedOptions(edit.options),
    sources: edit.sources.map(pinned),
    ...(edit.mask ? { mask: pinned(edit.mask) } : {}),
    ...(edit.markup
      ? {
          markup: {
            ...pinned(edit.markup),
            delivery: edit.markup.delivery,
            sentPrompt: edit.markup.sentPrompt,
          },
        }
      : {}),
    output,
    requestIds: result.calls.flatMap((call) => (call.requestId ? [call.requestId] : [])),
    ...(result.usage ? { usage: result.usage } : {}),
    warnings: result.warnings.map((warning) => ({ type: warning.type, message: warning.message })),
    ...(edit.cost ? { cost: edit.cost } : {}),
    ...(edit.batch ? { batch: { id: edit.batch.id, item: edit.batch.item } } : {}),
    ...(result.preparedInputs?.length
      ? {
          preparedInputs: result.preparedInputs.map((input) => ({
            field: input.field,
            original: input.original,
            sent: input.sent,
            changes: input.changes,
            note: input.note,
          })),
        }
      : {}),
    ...(inputUrls.length > 0 ? { inputUrls } : {}),
  };
}
