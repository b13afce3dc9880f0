import type { EditProgressEvent } from '@retouch/core';
import { openStoreFolder } from '@retouch/output';
import type * as vscode from 'vscode';
import type { SourceImage } from '../edit/read-source.js';
import { vscodeOutputFileSystem as fs } from '../output/vscode-output-file-system.js';
import { resultsGoTo, type StudioTarget, studioTargetFor } from './studio-target.js';

/** A Studio following an edit it sent. */
export interface EditObserver {
  progress(event: EditProgressEvent): void;
  /** Said once, however the edit ended: done, cancelled (and what came of it), failed. */
  finished(text: string, ok: boolean): void;
}

/**
 * Where an edit's results go: the store of the first source's workspace folder in Studio mode
 * (`retouch.results`), or undefined for beside the image (that setting, or an image outside the
 * workspace).
 */
export async function studioTargetOf(
  plan: { studio?: boolean },
  first: SourceImage,
): Promise<StudioTarget | undefined> {
  if (!plan.studio && resultsGoTo(first.uri) !== 'studio') return undefined;
  return studioTargetFor(first.uri, first.record.sha256);
}

/** The store's candidates folder, created (with the store's .gitignore) if missing. */
export function candidatesFolder(target: StudioTarget): Promise<vscode.Uri> {
  return openStoreFolder(fs, target.root, 'candidates');
}
