import { startBenchEmulator } from '../bench-emulator.js';
import type { BenchImages } from '../bench-images.js';
import type { ResultRow } from '../results-table.js';
import { runInChild } from '../run-in-child.js';
import { spread } from '../stats.js';
import type { EditSide } from '../tasks/bench-task.js';
import type { ClientOverheadRun } from '../tasks/client-overhead-task.js';
import { alternate, plan } from './bench-plan.js';

/** Sequential Gemini edits: ours (the Google provider) beside the official @google/genai SDK. */
export async function measureGeminiOverhead(images: BenchImages, genaiName: string) {
  const emulator = await startBenchEmulator({ latencyMs: 0 });
  try {
    const runs = await alternate(plan.overheadRuns, ['ours', 'theirs'], (side) =>
      runInChild<ClientOverheadRun>({
        kind: 'gemini-overhead',
        side: side as EditSide,
        url: emulator.url,
        small: images.small,
        edits: plan.geminiEdits,
      }),
    );
    const ours = runs.get('ours')!;
    const theirs = runs.get('theirs')!;
    const figure = (
      id: string,
      what: string,
      pick: (run: ClientOverheadRun) => number,
    ): ResultRow => {
      const o = spread(ours.map(pick));
      const t = spread(theirs.map(pick));
      return {
        id,
        measurement: `Gemini generateContent, per edit, ${plan.geminiEdits} sequential 64×64 edits answered at 1K, 0 ms latency: ${what}`,
        unit: 'ms',
        ours: o,
        theirs: t,
        theirsName: genaiName,
        // The brief's bar for client overhead: below the peer's.
        target: '< theirs',
        met: o.median < t.median,
      };
    };
    const rows = [
      figure('9a', 'wall p50', (r) => r.wallP50Ms),
      figure('9b', 'client CPU p50', (r) => r.cpuP50Ms),
    ];
    return { rows, raw: { ours, theirs } };
  } finally {
    await emulator.close();
  }
}
