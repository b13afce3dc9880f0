import { startBenchEmulator } from '../bench-emulator.js';
import type { BenchImages } from '../bench-images.js';
import type { ResultRow } from '../results-table.js';
import { runInChild } from '../run-in-child.js';
import { spread } from '../stats.js';
import type { EditSide } from '../tasks/bench-task.js';
import type { ConcurrencyRun } from '../tasks/concurrency-task.js';
import { alternate, plan } from './bench-plan.js';

export async function measureConcurrency(images: BenchImages, openaiName: string) {
  const emulator = await startBenchEmulator({ latencyMs: plan.concurrencyLatencyMs });
  try {
    const emulatorCpuPerEditMs: number[] = [];
    const runs = await alternate(plan.concurrencyRuns, ['ours', 'theirs'], async (side) => {
      const cpuBefore = emulator.cpuMs();
      const run = await runInChild<ConcurrencyRun>({
        kind: 'concurrency',
        side: side as EditSide,
        url: emulator.url,
        small: images.small,
        edits: plan.concurrencyEdits,
        concurrency: plan.concurrency,
      });
      const cpuAfter = emulator.cpuMs();
      if (cpuBefore !== undefined && cpuAfter !== undefined) {
        emulatorCpuPerEditMs.push((cpuAfter - cpuBefore) / run.totalEdits);
      }
      return run;
    });
    const ours = runs.get('ours')!;
    const theirs = runs.get('theirs')!;
    const what = `${plan.concurrencyEdits} edits at concurrency ${plan.concurrency}, ${plan.concurrencyLatencyMs} ms latency`;
    const overIdeal = (r: ConcurrencyRun) => (r.wallMs / r.idealMs - 1) * 100;
    const oursOver = spread(ours.map(overIdeal));
    const theirsOver = spread(theirs.map(overIdeal));
    const rows: ResultRow[] = [
      {
        id: '3a',
        measurement: `${what}: wall time`,
        unit: 'ms',
        ours: spread(ours.map((r) => r.wallMs)),
        theirs: spread(theirs.map((r) => r.wallMs)),
        theirsName: openaiName,
        target: '',
        met: undefined,
      },
      {
        id: '3b',
        measurement: `${what}: over the ideal, ceil(${plan.concurrencyEdits}/${plan.concurrency}) × one edit's own time`,
        unit: '%',
        ours: oursOver,
        theirs: theirsOver,
        theirsName: openaiName,
        target: '≤ 10%, ≤ 1.0× theirs',
        met: oursOver.median <= 10 && oursOver.median <= theirsOver.median,
      },
    ];
    return { rows, raw: { ours, theirs, emulatorCpuPerEditMs } };
  } finally {
    await emulator.close();
  }
}
