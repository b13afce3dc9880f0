import { startBenchEmulator } from '../bench-emulator.js';
import type { BenchImages } from '../bench-images.js';
import type { ResultRow } from '../results-table.js';
import { runInChild } from '../run-in-child.js';
import { spread } from '../stats.js';
import type { QueueSide } from '../tasks/bench-task.js';
import type { QueuePickupJob } from '../tasks/queue-pickup-task.js';
import { plan } from './bench-plan.js';

export async function measureQueuePickup(images: BenchImages, falName: string) {
  const emulator = await startBenchEmulator({
    jobDurationMs: plan.queueJobDurationMs,
    workers: 4,
  });
  try {
    const sides: QueueSide[] = ['ours-sse', 'ours-polling', 'theirs'];
    const jobs = new Map<QueueSide, QueuePickupJob[]>();
    for (const side of sides) {
      jobs.set(
        side,
        await runInChild<QueuePickupJob[]>({
          kind: 'queue-pickup',
          side,
          url: emulator.url,
          small: images.small,
          jobs: plan.queueJobs,
        }),
      );
    }
    const pickup = (side: QueueSide) => spread(jobs.get(side)!.map((j) => j.pickupMs));
    const requests = (side: QueueSide) => spread(jobs.get(side)!.map((j) => j.requests));
    const seconds = plan.queueJobDurationMs / 1000;
    const theirsPickup = pickup('theirs');
    const theirsRequests = requests('theirs');
    const sse = pickup('ours-sse');
    const sseRequests = requests('ours-sse');
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
        ours: pickup('ours-polling'),
        theirs: theirsPickup,
        theirsName: `${falName} subscribe`,
        target: '',
        met: undefined,
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
        ours: requests('ours-polling'),
        theirs: theirsRequests,
        theirsName: `${falName} subscribe`,
        target: '',
        met: undefined,
      },
    ];
    return { rows, raw: Object.fromEntries(jobs) };
  } finally {
    await emulator.close();
  }
}
