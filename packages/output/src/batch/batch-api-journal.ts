import { type JournalEntry, RetouchError } from '@retouch/core';
import type { BatchApiJournalPort, BatchApiPart } from '@retouch/core/batch-api';
import * as z from 'zod/mini';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { type BatchIdentity, batchJournalName } from './batch-journal.js';
import { entrySchema } from './journal-file.js';
import { coalescedWriter, readNewestCopy, replaceAtomically } from './journal-store.js';

/** The `schema` of batch-API journals this version writes. */
export const batchApiJournalSchema = 'retouch.batch-api/v1' as const;

/**
 * Entries recorded in a burst (a finished batch's results, written one after another) go to disk
 * together, at most one rewrite of the whole journal per this long: 250 ms, and 1 ms more per
 * entry it holds beyond 250 (up to 2 s), so the rewrites of a big job's journal (a megabyte for
 * 2,000 results) take no more of its time and memory than a small one's. A run killed in between
 * loses no result: the next finds the ones the journal does not list by the record inside them.
 */
const writeGapMs = (entries: number) => Math.min(2000, Math.max(250, entries));

/** A journal bigger than this is not one of ours. */
const maxJournalBytes = 64 * 1024 * 1024;

const text = (max: number) => z.string().check(z.maxLength(max));

const partSchema = z.object({
  index: z.int().check(z.nonnegative()),
  keys: z.array(text(8192)).check(z.maxLength(50_000)),
  customIds: z.array(text(64)).check(z.maxLength(50_000)),
  contentHashes: z.array(z.nullable(text(128))).check(z.maxLength(50_000)),
  inputFileId: text(500),
  batchId: z.optional(text(500)),
  status: z.optional(
    z.enum([
      'validating',
      'in_progress',
      'finalizing',
      'completed',
      'failed',
      'expired',
      'cancelling',
      'cancelled',
    ]),
  ),
  delivered: z.optional(z.boolean()),
  updatedAt: text(100),
});

const fileSchema = z.object({
  schema: z.literal(batchApiJournalSchema),
  revision: z.int().check(z.nonnegative()),
  batch: z.record(z.string(), z.unknown()),
  createdAt: text(100),
  updatedAt: text(100),
  parts: z.array(partSchema).check(z.maxLength(10_000)),
  items: z.record(text(8192), entrySchema),
});

export interface BatchApiJournalFile {
  schema: typeof batchApiJournalSchema;
  revision: number;
  batch: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  parts: BatchApiPart[];
  items: Record<string, JournalEntry>;
}

export interface BatchApiJournal<Location> extends BatchApiJournalPort {
  location: Location;
  readonly notes: readonly string[];
  /** Resolves once every recorded step is on disk. */
  flush(): Promise<void>;
  /** Deletes the journal, once every result is written and nothing is left to follow. */
  discard(): Promise<void>;
}

/** `.retouch-batch-api-<hash>.json`: one per job (same identity as `--each`'s journal) and folder. */
export function batchApiJournalName(batch: BatchIdentity): string {
  return batchJournalName(batch).replace(/^\.retouch-batch-/, '.retouch-batch-api-');
}

function parse(bytes: Uint8Array): BatchApiJournalFile | undefined {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? (parsed.data as BatchApiJournalFile) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens (or starts) the journal of a batch-API job in `folder`, beside its outputs: which input
 * files were uploaded, which batches exist on the server and where each item stands. Each step
 * resolves once it is on disk (a temporary file renamed over the journal), so the job takes the
 * next step only after the last is durable, and a later run, after a crash or days later, follows
 * the same batches. Entries only move forward.
 */
export async function openBatchApiJournal<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  options: { batch: BatchIdentity },
): Promise<BatchApiJournal<Location>> {
  const name = batchApiJournalName(options.batch);
  const notes: string[] = [];
  const found = await readNewestCopy(
    fs,
    folder,
    name,
    {
      parse,
      maxBytes: maxJournalBytes,
      unreadable: (where) =>
        `The batch journal ${where} could not be read, so the job starts afresh.`,
    },
    notes,
  );
  const started = new Date().toISOString();
  const state: BatchApiJournalFile = found ?? {
    schema: batchApiJournalSchema,
    revision: 0,
    batch: { ...options.batch },
    createdAt: started,
    updatedAt: started,
    parts: [],
    items: {},
  };
  const parts = new Map(state.parts.map((part) => [part.index, part]));
  const items = new Map(Object.entries(state.items));
  const writer = coalescedWriter(
    async () => {
      state.revision += 1;
      const file: BatchApiJournalFile = {
        ...state,
        updatedAt: new Date().toISOString(),
        parts: [...parts.values()].sort((a, b) => a.index - b.index),
        items: Object.fromEntries(items),
      };
      await replaceAtomically(
        fs,
        folder,
        name,
        new TextEncoder().encode(`${JSON.stringify(file)}\n`),
      ).catch((error: unknown) => {
        throw journalWriteError(fs.display(fs.child(folder, name)), error);
      });
    },
    { gapMs: () => writeGapMs(items.size) },
  );
  return {
    location: fs.child(folder, name),
    notes,
    parts: () => [...parts.values()].sort((a, b) => a.index - b.index).map((part) => ({ ...part })),
    savePart(part) {
      parts.set(part.index, structuredClone(part));
      return writer.schedule();
    },
    item: (key) => items.get(key),
    recordItem(key, entry) {
      items.set(key, entry);
      return writer.schedule();
    },
    flush: () => writer.settled(),
    async discard() {
      await writer.settled();
      await fs.delete(fs.child(folder, name));
    },
  };
}

/**
 * A journal that cannot be written is the output folder's problem (a full disk, no permission),
 * said as such: the journal is what names the job's batches, so the run stops rather than risk
 * sending them again. What was already delivered stays on disk and is found by its record.
 */
function journalWriteError(where: string, cause: unknown): RetouchError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new RetouchError({
    code: 'output',
    message: `The batch journal ${where} could not be written (${reason}). Results already written stay; free some space or fix the folder, then run the same batch again to go on.`,
    retryable: false,
    cause,
  });
}
