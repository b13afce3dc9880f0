import type { BatchJournalPort, EditImageOptions, JournalEntry } from '@retouch/core';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { sha256Hex } from '../hash/sha256.js';
import { recordedOptions } from '../record/edit-record.js';
import {
  type BatchJournalFile,
  batchJournalSchema,
  parseBatchJournal,
  serializeBatchJournal,
} from './journal-file.js';
import { replaceAtomically } from './journal-store.js';

/** A journal bigger than this is not one of ours (10 000 items take about 4 MB). */
const maxJournalBytes = 64 * 1024 * 1024;

/**
 * What makes two runs the same batch. Its hash names the journal, so running the same command
 * again (in the CLI or in VS Code) finds it, and another batch in the same folder keeps its own.
 */
export interface BatchIdentity {
  provider: string;
  model: string;
  prompt: string;
  /** As given; only what shapes a result counts (see `recordedOptions`). */
  options: EditImageOptions;
  /** The mask's sha256, when the batch has one. */
  maskSha256?: string;
  /** Where the results go, when the user named a folder. */
  out?: string;
}

export interface OpenBatchJournalOptions {
  batch: BatchIdentity;
}

export interface BatchJournal<Location> extends BatchJournalPort {
  location: Location;
  /** Items the journal knew when it was opened. */
  readonly known: number;
  /** Things the user may want to know (an unreadable journal that was started afresh). */
  readonly notes: readonly string[];
  /** Resolves once every recorded entry is on disk. */
  flush(): Promise<void>;
  /** Deletes the journal, once nothing is left to resume (after every write has landed). */
  discard(): Promise<void>;
}

/** The batch as it names and heads its journal: only the options that shape a result. */
function identityOf(batch: BatchIdentity): Record<string, unknown> {
  return { ...batch, options: recordedOptions(batch.options) };
}

/** The same for the same batch from run to run: its journal's name, its results' records. */
export function batchId(batch: BatchIdentity): string {
  return sha256Hex(new TextEncoder().encode(stableJson(identityOf(batch)))).slice(0, 16);
}

/** `.retouch-batch-<id>.json`: hidden, one per batch and folder. */
export function batchJournalName(batch: BatchIdentity): string {
  return `.retouch-batch-${batchId(batch)}.json`;
}

/**
 * Opens (or starts) the journal of a batch in `folder`, next to its outputs. Every write goes to
 * a hidden temporary file first and then replaces the journal in one rename, so a crash mid-write
 * leaves the previous journal whole; entries are only ever added or moved forward, so a finished
 * result's entry is never lost. Writes are coalesced: while one is on its way, later entries
 * wait and go out together in the next.
 */
export async function openBatchJournal<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  options: OpenBatchJournalOptions,
): Promise<BatchJournal<Location>> {
  const name = batchJournalName(options.batch);
  const location = fs.child(folder, name);
  const notes: string[] = [];
  const found = await readNewest(fs, folder, name, notes);
  const now = new Date().toISOString();
  const state: BatchJournalFile = found ?? {
    schema: batchJournalSchema,
    revision: 0,
    batch: identityOf(options.batch),
    createdAt: now,
    updatedAt: now,
    items: {},
  };
  const items = new Map(Object.entries(state.items));
  let revision = state.revision;
  let inFlight: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  const writeNow = async () => {
    revision += 1;
    const file: BatchJournalFile = {
      ...state,
      revision,
      updatedAt: new Date().toISOString(),
      items: Object.fromEntries(items),
    };
    await replaceAtomically(fs, folder, name, serializeBatchJournal(file));
  };
  const schedule = (): Promise<void> => {
    if (queued) return queued;
    const before = inFlight ?? Promise.resolve();
    const write: Promise<void> = before
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        inFlight = write;
        return writeNow();
      })
      .finally(() => {
        if (inFlight === write) inFlight = undefined;
      });
    queued = write;
    return write;
  };

  return {
    location,
    known: items.size,
    notes,
    previous: (key) => items.get(key),
    record(key: string, entry: JournalEntry) {
      items.set(key, entry);
      return schedule();
    },
    async flush() {
      await (queued ?? inFlight)?.catch(() => undefined);
    },
    async discard() {
      await (queued ?? inFlight)?.catch(() => undefined);
      await fs.delete(location);
    },
  };
}

/** The newest readable copy of the journal: the file itself, or a temporary file a crash left. */
async function readNewest<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  name: string,
  notes: string[],
): Promise<BatchJournalFile | undefined> {
  const names = await fs.list(folder);
  const temps = names.filter((entry) => entry.startsWith(`.${name}.`) && entry.endsWith('.tmp'));
  const candidates = [...(names.includes(name) ? [name] : []), ...temps];
  let newest: BatchJournalFile | undefined;
  for (const candidate of candidates) {
    const location = fs.child(folder, candidate);
    const bytes = await (fs.readStart
      ? fs.readStart(location, maxJournalBytes + 1)
      : fs.readFile(location)
    ).catch(() => undefined);
    const parsed =
      bytes && bytes.byteLength <= maxJournalBytes ? parseBatchJournal(bytes) : undefined;
    if (parsed && (!newest || parsed.revision > newest.revision)) newest = parsed;
    if (!parsed && candidate === name) {
      notes.push(
        `The batch journal ${fs.display(location)} could not be read, so every item is edited again.`,
      );
    }
  }
  for (const temp of temps) await fs.delete(fs.child(folder, temp)).catch(() => undefined);
  return newest;
}

/** JSON with object keys sorted, so the same settings always hash the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
