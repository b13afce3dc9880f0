import { posix } from 'node:path';
import type { EditCost } from '@retouch/core';
import type { Delivery, EditHistoryEntry, RecordedOptions } from '@retouch/output';

export type { RecordedOptions } from '@retouch/output';

/** How records name this extension as the tool that made a result. */
export const recordToolName = 'retouch-vscode';

/**
 * An input of an edit as the history keeps it: by URI and name, pinned by content so a re-run can
 * tell whether it changed (a record's `RecordedFile` names it by path instead).
 */
export interface HistoryFile {
  uri: string;
  name: string;
  sha256: string;
}

/** The marked-up copy an edit was explained with, and how it was sent (see `RecordedMarkup`). */
export interface HistoryMarkupFile extends HistoryFile {
  delivery: 'flattened' | 'reference' | 'layer';
  sentPrompt: string;
}

export interface HistoryOutput {
  uri: string;
  name: string;
  mediaType: string;
  width: number;
  height: number;
  /** Saved to Retouch's own storage because the output folder could not take it. */
  rescued?: boolean;
}

/**
 * One edit as *Show History* lists it: made in this workspace (kept in workspace state), or
 * found on disk from the record inside a result (the CLI's edits, another window's). Enough to
 * open, compare and re-run it; nothing secret.
 */
export interface HistoryEntry {
  version: 2;
  /** The edit id its records share. */
  id: string;
  createdAt: string;
  prompt: string;
  revisedPrompt?: string;
  provider: string;
  model: string;
  options: RecordedOptions;
  sources: HistoryFile[];
  mask?: HistoryFile;
  /** Set when the user drew what to change; `sources` stay the unmarked images. */
  markup?: HistoryMarkupFile;
  requestIds: string[];
  outputs: HistoryOutput[];
  warnings: string[];
  /** The tool that made it, e.g. `@retouch/cli`; absent for this extension's own edits. */
  madeBy?: string;
  /** What the edit cost, from its record: an amount, or unknown with the reason. */
  cost?: EditCost;
}

/** How the history kept an edit before version 2 (one request id, no `madeBy`). */
interface HistoryEntryV1 extends Omit<HistoryEntry, 'version' | 'requestIds' | 'madeBy'> {
  version: 1;
  requestId?: string;
}

/** Reads a stored entry of either version; undefined for anything else. */
export function storedHistoryEntry(value: unknown): HistoryEntry | undefined {
  const entry = value as Partial<HistoryEntry | HistoryEntryV1> | undefined;
  if (!entry || typeof entry.id !== 'string' || !Array.isArray(entry.outputs)) return undefined;
  if (entry.version === 2) return entry as HistoryEntry;
  if (entry.version !== 1) return undefined;
  const { requestId, ...rest } = entry as HistoryEntryV1;
  return { ...rest, version: 2, requestIds: requestId ? [requestId] : [] };
}

/** The history entry for an edit this window just delivered. */
export function historyEntryFromDelivery<U extends { toString(): string }>(
  delivery: Delivery<U>,
  edit: { sources: HistoryFile[]; mask?: HistoryFile; markup?: HistoryMarkupFile },
): HistoryEntry | undefined {
  const first = delivery.outputs[0]?.record;
  if (!first) return undefined;
  return {
    version: 2,
    id: delivery.editId,
    createdAt: first.createdAt,
    prompt: first.prompt,
    ...(first.output.revisedPrompt ? { revisedPrompt: first.output.revisedPrompt } : {}),
    provider: first.provider,
    model: first.model,
    options: first.options,
    sources: edit.sources,
    ...(edit.mask ? { mask: edit.mask } : {}),
    ...(edit.markup ? { markup: edit.markup } : {}),
    requestIds: first.requestIds,
    outputs: delivery.outputs.map((output) => ({
      uri: output.location.toString(),
      name: output.name,
      mediaType: output.mediaType,
      width: output.width,
      height: output.height,
      ...(output.rescued ? { rescued: true } : {}),
    })),
    warnings: first.warnings.map((warning) => warning.message),
    ...(first.cost ? { cost: first.cost } : {}),
  };
}

/** The history entry for an edit whose records were found on disk. */
export function historyEntryFromRecords<U extends { toString(): string }>(
  found: EditHistoryEntry<U>,
): HistoryEntry {
  const file = (recorded: { path: string; sha256: string; location?: U }): HistoryFile => ({
    uri: recorded.location?.toString() ?? recorded.path,
    name: posix.basename(recorded.path.replace(/\\/g, '/')),
    sha256: recorded.sha256,
  });
  return {
    version: 2,
    id: found.editId,
    createdAt: found.createdAt,
    prompt: found.prompt,
    ...(found.revisedPrompt ? { revisedPrompt: found.revisedPrompt } : {}),
    provider: found.provider,
    model: found.model,
    options: found.options,
    sources: found.sources.map(file),
    ...(found.mask ? { mask: file(found.mask) } : {}),
    ...(found.markup
      ? {
          markup: {
            ...file(found.markup),
            delivery: found.markup.delivery,
            sentPrompt: found.markup.sentPrompt,
          },
        }
      : {}),
    requestIds: found.requestIds,
    outputs: found.outputs.map((output) => ({
      uri: output.location.toString(),
      name: output.name,
      mediaType: output.mediaType,
      width: output.width,
      height: output.height,
    })),
    warnings: found.warnings.map((warning) => warning.message),
    ...(found.tool.name === recordToolName ? {} : { madeBy: found.tool.name }),
  };
}

/**
 * This workspace's own entries and those found on disk as one list, newest first. An edit known
 * both ways is listed once (the workspace's entry knows about rescued results); so is a result
 * that is in both.
 */
export function mergeHistory(
  own: readonly HistoryEntry[],
  found: readonly HistoryEntry[],
  limit: number,
): HistoryEntry[] {
  const ids = new Set(own.map((entry) => entry.id));
  const outputs = new Set(own.flatMap((entry) => entry.outputs.map((output) => output.uri)));
  const extra = found.filter(
    (entry) => !ids.has(entry.id) && !entry.outputs.every((output) => outputs.has(output.uri)),
  );
  return [...own, ...extra]
    .sort((a, b) => (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0))
    .slice(0, Math.max(1, limit));
}
