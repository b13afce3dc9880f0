import { startBenchEmulator } from '../bench-emulator.js';
import type { BenchImages } from '../bench-images.js';
import type { ResultRow } from '../results-table.js';
import { runInChild } from '../run-in-child.js';
import { spread } from '../stats.js';
import type { EditSide } from '../tasks/bench-task.js';
import type { ClientOverheadRun } from '../tasks/client-overhead-task.js';
import { alternate, plan } from './bench-plan.js';

export async function measureClientOverhead(images: BenchImages, openaiName: string) {
  const emulator = await startBenchEmulator({ latencyMs: 0 });
  try {
    const runs = await alternate(plan.overheadRuns, ['ours', 'theirs'], (side) =>
      runInChild<ClientOverheadRun>({
        kind: 'client-overhead',
        side: side as EditSide,
        url: emulator.url,
        small: images.small,
        edits: plan.overheadEdits,
      }),
    );
    const ours = runs.get('ours')!;
    const theirs = runs.get('theirs')!;
    const figure = (
      id: string,
      what: string,
      pick: (run: ClientOverheadRun) => number,
      target = '',
      check?: (ours: number, theirs: number) => boolean,
    ): ResultRow => {
      const o = spread(ours.map(pick));
      const t = spread(theirs.map(pick));
      return {
        id,
        measurement: `Per edit, ${plan.overheadEdits} sequential 64×64 edits, 0 ms latency: ${what}`,
        unit: 'ms',
        ours: o,
        theirs: t,
        theirsName: openaiName,
        target,
        met: check ? check(o.median, t.median) : undefined,
      };
    };
    const rows = [
      figure(
        '2a',
        'wall p50',
        (r) => r.wallP50Ms,
        '≤ 0.8× theirs',
        (o, t) => o <= 0.8 * t,
      ),
      figure('2b', 'wall p95', (r) => r.wallP95Ms),
      figure(
        '2c',
        'client CPU p50',
        (r) => r.cpuP50Ms,
        '≤ 0.8× theirs',
        (o, t) => o <= 0.8 * t,
      ),
      figure('2d', 'client CPU p95', (r) => r.cpuP95Ms),
    ];
    return { rows, raw: { ours, theirs } };
  } finally {
    await emulator.close();
  }
}
