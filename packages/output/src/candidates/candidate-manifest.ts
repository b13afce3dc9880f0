import * as z from 'zod/mini';

export const candidateManifestSchema = 'retouch.candidates/v1' as const;

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
const count = z.number().check(z.int(), z.minimum(0));

/** What an edit was made from: an image in the workspace, or another edit's candidate (Refine). */
const sourceSchema = z.union([
  z.object({ file: text(1, 4096), sha256: text(0, 128) }),
  z.object({
    candidate: z.object({ editId: text(1, 128), index: count }),
    sha256: text(0, 128),
  }),
]);

/** Core's `EditCost`, kept as written; readers format it with `formatCost`. */
const costSchema = z.looseObject({ kind: z.enum(['actual', 'unknown']) });

const manifestSchema = z.object({
  schema: z.literal(candidateManifestSchema),
  editId: text(1, 128),
  createdAt: text(0, 64),
  /**
   * The workspace image the chain of edits started from, relative to the store's root and
   * `/`-separated: the Studio of that image lists this edit.
   */
  root: text(1, 4096),
  source: sourceSchema,
  prompt: text(0, 32_000),
  provider: text(0, 200),
  /** What a person reads: "OpenAI-compatible", "GPT Image 2". */
  providerName: z.optional(text(0, 200)),
  model: text(0, 200),
  modelName: z.optional(text(0, 200)),
  options: z.record(z.string(), z.unknown()),
  cost: z.optional(costSchema),
  /** Files in the edit's folder. */
  mask: z.optional(text(0, 255)),
  markup: z.optional(text(0, 255)),
  candidates: z
    .array(
      z.object({
        index: count,
        file: text(1, 255),
        mediaType: text(0, 64),
        width: count,
        height: count,
      }),
    )
    .check(z.maxLength(100)),
});

/** `edit.json` in an edit's folder: written once, when its results arrive. */
export type CandidateManifest = z.infer<typeof manifestSchema>;
export type CandidateSource = CandidateManifest['source'];

/** What happened to an edit's candidates since: `state.json`, rewritten on each change. */
const stateSchema = z.object({
  /** Candidate index → when it was discarded. */
  discarded: z._default(z.record(z.string(), z.string()), {}),
  /** Candidate index → the names it was kept as, beside the original. */
  kept: z._default(z.record(z.string(), z.array(z.string())), {}),
  /** Candidate index → when its file was removed by the cleanup of discarded candidates. */
  removed: z._default(z.record(z.string(), z.string()), {}),
});

export type CandidateState = z.infer<typeof stateSchema>;

export function parseCandidateManifest(value: unknown): CandidateManifest | undefined {
  const parsed = manifestSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function parseCandidateState(value: unknown): CandidateState {
  const parsed = stateSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : { discarded: {}, kept: {}, removed: {} };
}
