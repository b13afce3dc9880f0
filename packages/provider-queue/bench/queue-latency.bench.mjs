// Per queue job: HTTP requests the client made, and how long after the job completed on the
// server the result was in hand. Polling (default schedule) against server-sent events, on one
// emulator in one process. Build first: pnpm turbo run build --filter=@retouch/provider-queue...
// Usage: node bench/queue-latency.bench.mjs [runsPerDuration=3]
import { editImage } from '@retouch/core';
import { createQueueProvider } from '@retouch/provider-queue';
import { startEmulator } from 'retouch-emulator';
import sharp from 'sharp';

const runs = Number(process.argv[2] ?? 3);
const jobDurationsMs = [250, 1_000, 2_500];
const modes = [
  { name: 'sse', config: { sse: true } },
  { name: 'polling', config: { sse: false } },
];

const png = new Uint8Array(
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c83232' } })
    .png()
    .toBuffer(),
);

const rows = [];
for (const jobDurationMs of jobDurationsMs) {
  const emulator = await startEmulator({ jobDurationMs, specValidation: false, log: () => {} });
  for (let run = 0; run < runs; run++) {
    for (const mode of modes) {
      let requests = 0;
      const provider = createQueueProvider(
        { baseURL: `${emulator.url}/v1/queue`, ...mode.config },
        { log: () => requests++ },
      );
      const result = await editImage({
        provider,
        model: 'gpt_image_1_edit',
        prompt: 'invert',
        images: png,
      });
      const inHand = Date.now();
      const completedAt = emulator.jobs.get(result.requestId)?.completedAt;
      rows.push({
        mode: mode.name,
        jobMs: jobDurationMs,
        requests,
        pickupMs: completedAt === undefined ? Number.NaN : inHand - completedAt,
      });
    }
  }
  await emulator.close();
}

console.table(rows);
const summary = modes.map(({ name }) => {
  const mine = rows.filter((row) => row.mode === name);
  const pickups = mine.map((row) => row.pickupMs).sort((a, b) => a - b);
  return {
    mode: name,
    jobs: mine.length,
    'requests/job (mean)': +(
      mine.reduce((sum, row) => sum + row.requests, 0) / mine.length
    ).toFixed(1),
    'pickup ms (median)': pickups[Math.floor(pickups.length / 2)],
    'pickup ms (max)': pickups.at(-1),
  };
});
console.table(summary);
