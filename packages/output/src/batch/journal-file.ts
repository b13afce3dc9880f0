import type { JournalEntry } from '@retouch/core';
import * as z from 'zod/mini';

/** The `schema` of batch journals this version writes. */
export const batchJournalSchema = 'retouch.batch/v1' as const;

/** The journal file: what the batch is, and where each of its items stands. */
export interface BatchJournalFile {
  schema: typeof batchJournalSchema;
  /** Goes up with every write; of two readable copies (after a crash), the higher one wins. */
  revision: number;
  /** What identifies the batch (provider, model, prompt, options…), for a person reading it. */
  batch: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  items: Record<string, JournalEntry>;
}

const text = (max: number) => z.string().check(z.maxLength(max));
const money = z.number().check(z.minimum(0), z.maximum(1e9));

const pixels = z.int().check(z.minimum(0), z.maximum(1_000_000));
const extent = z.object({ width: pixels, height: pixels });

const handleSchema = z.object({
  provider: text(200),
  model: text(500),
  id: text(500),
  data: z.record(text(200), z.union([text(8192), z.number(), z.boolean(), z.null()])),
  createdAt: text(100),
  // How the engine puts a reframed job's answer back (core checks it again before use).
  framing: z.optional(
    z.object({
      full: extent,
      region: z.object({ left: pixels, top: pixels, width: pixels, height: pixels }),
      canvas: extent,
      left: pixels,
      top: pixels,
      padded: z.boolean(),
      feather: z.optional(pixels),
    }),
  ),
});

const costSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('actual'),
    amount: money,
    currency: text(10),
    basis: z.enum(['usage', 'images']),
    pricesChecked: z.optional(text(40)),
  }),
  z.object({
    kind: z.literal('unknown'),
    reason: text(1000),
    estimate: z.optional(z.object({ amount: money, currency: text(10) })),
  }),
]);

const common = { contentHash: z.optional(text(128)), updatedAt: text(100) };

export const entrySchema = z.discriminatedUnion('state', [
  z.object({ ...common, state: z.literal('running'), handle: handleSchema }),
  z.object({
    ...common,
    state: z.literal('done'),
    outputs: z.array(text(8192)).check(z.maxLength(1000)),
    requestIds: z.array(text(500)).check(z.maxLength(1000)),
    cost: z.optional(costSchema),
  }),
  z.object({
    ...common,
    state: z.literal('failed'),
    error: z.object({ code: text(100), message: text(8000) }),
    handle: z.optional(handleSchema),
  }),
]);

const fileSchema = z.object({
  schema: z.literal(batchJournalSchema),
  revision: z.int().check(z.nonnegative()),
  batch: z.record(z.string(), z.unknown()),
  createdAt: text(100),
  updatedAt: text(100),
  items: z.record(text(8192), entrySchema),
});

/** A journal as read from disk, or undefined when it is not one (torn, foreign, tampered). */
export function parseBatchJournal(bytes: Uint8Array): BatchJournalFile | undefined {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? (parsed.data as BatchJournalFile) : undefined;
  } catch {
    return undefined;
  }
}

export function serializeBatchJournal(file: BatchJournalFile): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(file, null, 1)}\n`);
}
