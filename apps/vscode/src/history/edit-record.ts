import type { EditImageOptions } from '@retouch/core';

/** A file an edit read, pinned by content so a re-run can tell whether it changed. */
export interface RecordedFile {
  uri: string;
  name: string;
  sha256: string;
}

export interface RecordedOutput {
  uri: string;
  name: string;
  mediaType: string;
  width: number;
  height: number;
}

/** The options worth recording; anything else a caller holds (provider options, config) is left out. */
export type RecordedOptions = Pick<
  EditImageOptions,
  | 'n'
  | 'size'
  | 'quality'
  | 'background'
  | 'outputFormat'
  | 'outputCompression'
  | 'inputFidelity'
  | 'partialImages'
>;

/**
 * One finished edit, as the history and the sidecars keep it: enough to re-run it, and nothing
 * secret (no configuration, no headers, no keys).
 */
export interface EditRecord {
  version: 1;
  id: string;
  createdAt: string;
  prompt: string;
  revisedPrompt?: string;
  provider: string;
  model: string;
  options: RecordedOptions;
  sources: RecordedFile[];
  mask?: RecordedFile;
  requestId?: string;
  outputs: RecordedOutput[];
  warnings: string[];
}

const recordedOptionKeys = [
  'n',
  'size',
  'quality',
  'background',
  'outputFormat',
  'outputCompression',
  'inputFidelity',
  'partialImages',
] as const satisfies readonly (keyof RecordedOptions)[];

/** Copies only the allow-listed options, dropping undefined ones. */
export function recordedOptions(options: EditImageOptions): RecordedOptions {
  const picked: Record<string, unknown> = {};
  for (const key of recordedOptionKeys) {
    if (options[key] !== undefined) picked[key] = options[key];
  }
  return picked as RecordedOptions;
}
