import type { ModelPricing } from '@retouch/core';
import { recordedOptions } from '@retouch/output';
import type { PendingEdit } from '@retouch/session';
import * as vscode from 'vscode';
import { historyFileOf } from './edit-session.js';
import type { HistoryFile } from './state/history-entry.js';
import type { PendingJob } from './state/pending-job-store.js';
import { vscodeOutputFileSystem as fs } from './workspace-fs/vscode-output-file-system.js';

/** A session's pending edit as workspace state keeps it: URIs as strings, nothing secret. */
export function pendingJobOf(
  pending: PendingEdit<vscode.Uri>,
  selection: { provider: string; model: string },
): PendingJob {
  return {
    handle: pending.handle,
    editId: pending.editId,
    prompt: pending.prompt,
    provider: selection.provider,
    model: selection.model,
    options: recordedOptions(pending.options),
    sources: pending.sources.map(historyFileOf),
    ...(pending.mask ? { mask: historyFileOf(pending.mask) } : {}),
    ...(pending.markup
      ? {
          markup: {
            ...historyFileOf(pending.markup),
            delivery: pending.markup.delivery,
            sentPrompt: pending.markup.sentPrompt,
          },
        }
      : {}),
    outputFolder: pending.folder.toString(),
    ...(pending.candidates
      ? { studio: { ...pending.candidates, root: pending.candidates.root.toString() } }
      : {}),
    sourceName: pending.sources[0] ? fs.baseName(pending.sources[0].location) : 'image.png',
    createdAt: new Date().toISOString(),
  };
}

/** A kept job as the session resumes it. */
export function pendingEditFrom(
  job: PendingJob,
  extra: { endpoint?: string; pricing?: ModelPricing },
): PendingEdit<vscode.Uri> {
  const input = (file: HistoryFile) => ({
    location: vscode.Uri.parse(file.uri),
    sha256: file.sha256,
  });
  return {
    handle: job.handle,
    editId: job.editId,
    prompt: job.prompt,
    options: job.options,
    sources: job.sources.map(input),
    ...(job.mask ? { mask: input(job.mask) } : {}),
    ...(job.markup
      ? {
          markup: {
            ...input(job.markup),
            delivery: job.markup.delivery,
            sentPrompt: job.markup.sentPrompt,
          },
        }
      : {}),
    folder: vscode.Uri.parse(job.outputFolder),
    // A job sent in Studio mode resumes into the Studio's store.
    ...(job.studio
      ? { candidates: { ...job.studio, root: vscode.Uri.parse(job.studio.root) } }
      : {}),
    ...(extra.endpoint ? { endpoint: extra.endpoint } : {}),
    ...(extra.pricing ? { pricing: extra.pricing } : {}),
  };
}
