import { startBenchEmulator } from '../bench-emulator.js';
import type { BenchImages } from '../bench-images.js';
import type { ResultRow } from '../results-table.js';
import { runInChild } from '../run-in-child.js';
import { spread } from '../stats.js';
import type { QueueSide } from '../tasks/bench-task.js';
import type { QueuePickupJob } from '../tasks/queue-pickup-task.js';
import { plan } from './bench-plan.js';

export async function measureQueuePickup(images: BenchImages, falName: string) {
  // A fixed 2 s job would finish in step with a fixed 500 ms poll (4 × 500 ms), and a poller would
  // look faster than it is. Real jobs end at any moment, so the durations are spread evenly over
  // one 500 ms poll period: 2 s + (i + ½)/n × 500 ms, one emulator per duration.
  const durations = Array.from(
    { length: plan.queueJobs },
    (_, i) => plan.queueJobDurationMs + Math.round(((i + 0.5) / plan.queueJobs) * 500),
  );
  const emulators = await Promise.all(
    durations.map((jobDurationMs) => startBenchEmulator({ jobDurationMs, workers: 4 })),
  );
  try {
    const sides: QueueSide[] = ['ours-sse', 'ours-polling', 'theirs'];
    const jobs = new Map<QueueSide, QueuePickupJob[]>();
    for (const side of sides) {
      jobs.set(
        side,
        await runInChild<QueuePickupJob[]>({
          kind: 'queue-pickup',
          side,
          urls: emulators.map((emulator) => emulator.url),
          small: images.small,
        }),
      );
    }
    const pickup = (side: QueueSide) => spread(jobs.get(side)!.map((j) => j.pickupMs));
    const requests = (side: QueueSide) => spread(jobs.get(side)!.map((j) => j.requests));
    const seconds = `${plan.queueJobDurationMs / 1000}–${(plan.queueJobDurationMs + 500) / 1000}`;
    const theirsPickup = pickup('theirs');
    const theirsRequests = requests('theirs');
    const sse = pickup('ours-sse');
    const sseRequests = requests('ours-sse');
    const polling = pickup('ours-polling');
    const pollingRequests = requests('ours-polling');
    const rows: ResultRow[] = [
      {
        id: '4a',
        measurement: `Queue, ${seconds} s jobs: job completed → image in hand, ours with SSE`,
        unit: 'ms',
        ours: sse,
        theirs: theirsPickup,
        theirsName: `${falName} subscribe`,
        target: '< 50 ms',
        met: sse.median < 50,
      },
      {
        id: '4b',
        measurement: `Queue, ${seconds} s jobs: job completed → image in hand, ours polling`,
        unit: 'ms',
        ours: polling,
        theirs: theirsPickup,
        theirsName: `${falName} subscribe`,
        target: '≤ 1.0× theirs',
        met: polling.median <= theirsPickup.median,
      },
      {
        id: '4c',
        measurement: `Queue, ${seconds} s jobs: HTTP requests per job, ours with SSE`,
        unit: 'req',
        ours: sseRequests,
        theirs: theirsRequests,
        theirsName: `${falName} subscribe`,
        target: '< theirs',
        met: sseRequests.median < theirsRequests.median,
      },
      {
        id: '4d',
        measurement: `Queue, ${seconds} s jobs: HTTP requests per job, ours polling`,
        unit: 'req',
        ours: pollingRequests,
        theirs: theirsRequests,
        theirsName: `${falName} subscribe`,
        target: '≤ theirs',
        met: pollingRequests.median <= theirsRequests.median,
      },
    ];
    return { rows, raw: { durations, ...Object.fromEntries(jobs) } };
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  }
}
