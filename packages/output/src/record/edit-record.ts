import type { EditCost, EditImageOptions } from '@retouch/core';
import type { ImageUsage } from '@retouch/core/provider';

/** The `schema` of records this version writes. Older records are read and upgraded. */
export const editRecordSchema = 'retouch.edit/v2' as const;

/** Options that shape the result, so a re-run asks for the same. Nothing else is recorded. */
export type RecordedOptions = Pick<
  EditImageOptions,
  'n' | 'size' | 'quality' | 'background' | 'outputFormat' | 'outputCompression' | 'inputFidelity'
>;

export const recordedOptionKeys = [
  'n',
  'size',
  'quality',
  'background',
  'outputFormat',
  'outputCompression',
  'inputFidelity',
] as const satisfies readonly (keyof RecordedOptions)[];

/** An input, pinned by content so a re-run can tell whether it changed. */
export interface RecordedFile {
  /**
   * Relative to the result's folder, `/`-separated, when it is close by (so the pair survives
   * being moved together); else an absolute path, or a URI for a non-local file.
   */
  path: string;
  sha256: string;
}

/**
 * An edit explained with marks: the copy of the first source with marks drawn on it, and how it
 * was sent, so a re-run sends exactly the same.
 */
export interface RecordedMarkup extends RecordedFile {
  /** `flattened`: sent instead of the first source; `reference`: sent after the sources. */
  delivery: 'flattened' | 'reference';
  /** The prompt as the model got it: `prompt`, framed so the model follows the marks. */
  sentPrompt: string;
}

export interface RecordedOutput {
  /** The result's own file name when it was written. */
  file: string;
  /** Which of the edit's `count` results this is, from 0. */
  index: number;
  /** How many results the edit gave; unknown in records written before v2. */
  count?: number;
  mediaType: string;
  width: number;
  height: number;
  revisedPrompt?: string;
}

export interface RecordedWarning {
  type: string;
  message: string;
}

/**
 * How one result was made: what the CLI and the extension both write (inside the image, or in a
 * sidecar) and both read. Never holds a key, a header, or a base URL's credentials or query.
 *
 * Readers ignore fields they do not know, so later versions add optional fields without a new
 * schema id.
 */
export interface EditRecord {
  schema: typeof editRecordSchema;
  /** The same for every result of one edit, so they group together in a history. */
  editId: string;
  createdAt: string;
  tool: { name: string; version: string };
  prompt: string;
  provider: string;
  model: string;
  /** The provider's base URL without credentials, query or fragment. */
  endpoint?: string;
  options: RecordedOptions;
  sources: RecordedFile[];
  mask?: RecordedFile;
  /** Set when the user drew what to change; `sources` stay the unmarked images. */
  markup?: RecordedMarkup;
  output: RecordedOutput;
  /** Every provider call's request id (one per call when `n` was split). */
  requestIds: string[];
  usage?: ImageUsage;
  warnings: RecordedWarning[];
  /**
   * What the whole edit cost (all its results together, like `usage`): an amount worked out from
   * what the provider reported, or `unknown` with the reason (and an estimate, labelled as one).
   */
  cost?: EditCost;
}

/** Copies only the allow-listed options, dropping undefined ones. */
export function recordedOptions(options: EditImageOptions): RecordedOptions {
  const picked: Record<string, unknown> = {};
  for (const key of recordedOptionKeys) {
    if (options[key] !== undefined) picked[key] = options[key];
  }
  return picked as RecordedOptions;
}
