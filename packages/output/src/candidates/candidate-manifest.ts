import { z } from 'zod';

export const candidateManifestSchema = 'retouch.candidates/v1' as const;

/** What an edit was made from: an image in the workspace, or another edit's candidate (Refine). */
const sourceSchema = z.union([
  z.object({ file: z.string().min(1).max(4096), sha256: z.string().max(128) }),
  z.object({
    candidate: z.object({ editId: z.string().min(1).max(128), index: z.number().int().min(0) }),
    sha256: z.string().max(128),
  }),
]);

/** Core's `EditCost`, kept as written; readers format it with `formatCost`. */
const costSchema = z.looseObject({ kind: z.enum(['actual', 'unknown']) });

const manifestSchema = z.object({
  schema: z.literal(candidateManifestSchema),
  editId: z.string().min(1).max(128),
  createdAt: z.string().max(64),
  /**
   * The workspace image the chain of edits started from, relative to the store's root and
   * `/`-separated: the Studio of that image lists this edit.
   */
  root: z.string().min(1).max(4096),
  source: sourceSchema,
  prompt: z.string().max(32_000),
  provider: z.string().max(200),
  /** What a person reads: "OpenAI-compatible", "GPT Image 2". */
  providerName: z.string().max(200).optional(),
  model: z.string().max(200),
  modelName: z.string().max(200).optional(),
  options: z.record(z.string(), z.unknown()),
  cost: costSchema.optional(),
  /** Files in the edit's folder. */
  mask: z.string().max(255).optional(),
  markup: z.string().max(255).optional(),
  candidates: z
    .array(
      z.object({
        index: z.number().int().min(0),
        file: z.string().min(1).max(255),
        mediaType: z.string().max(64),
        width: z.number().int().min(0),
        height: z.number().int().min(0),
      }),
    )
    .max(100),
});

/** `edit.json` in an edit's folder: written once, when its results arrive. */
export type CandidateManifest = z.infer<typeof manifestSchema>;
export type CandidateSource = CandidateManifest['source'];

/** What happened to an edit's candidates since: `state.json`, rewritten on each change. */
const stateSchema = z.object({
  /** Candidate index → when it was discarded. */
  discarded: z.record(z.string(), z.string()).default({}),
  /** Candidate index → the names it was kept as, beside the original. */
  kept: z.record(z.string(), z.array(z.string())).default({}),
  /** Candidate index → when its file was removed by the cleanup of discarded candidates. */
  removed: z.record(z.string(), z.string()).default({}),
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
