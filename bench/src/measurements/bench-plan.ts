/**
 * How many runs each measurement makes. RETOUCH_BENCH_QUICK=1 shrinks them for trying changes;
 * the committed results always come from the full plan.
 */
const quick = process.env.RETOUCH_BENCH_QUICK === '1';

export const plan = {
  quick,
  uploadMemoryRuns: quick ? 2 : 5,
  overheadRuns: quick ? 1 : 3,
  overheadEdits: quick ? 50 : 200,
  concurrencyRuns: quick ? 1 : 3,
  concurrencyEdits: 100,
  concurrency: 8,
  concurrencyLatencyMs: 100,
  queueJobs: quick ? 2 : 6,
  queueJobDurationMs: 2000,
  activationRuns: quick ? 1 : 5,
  streamRuns: quick ? 1 : 3,
  streamEdits: quick ? 5 : 10,
  eachRuns: quick ? 1 : 3,
  eachImages: 200,
  eachSmallBatch: 20,
  photoRuns: quick ? 1 : 3,
} as const;

/** Runs ours and theirs alternately, so a slow phase of the machine hits both alike. */
export async function alternate<T>(
  runs: number,
  sides: readonly string[],
  run: (side: string, index: number) => Promise<T>,
): Promise<Map<string, T[]>> {
  const bySide = new Map<string, T[]>(sides.map((side) => [side, []]));
  for (let i = 0; i < runs; i++) {
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      bySide.get(side)!.push(await run(side, i));
    }
  }
  return bySide;
}
