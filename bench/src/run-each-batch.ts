// `pnpm --filter @retouch/bench bench:each`: measurement 7 alone, printed, nothing written.
import { ensureBenchImages } from './bench-images.js';
import { measureEachBatch } from './measurements/each-batch.js';
import { formatNumber } from './results-table.js';

const images = await ensureBenchImages();
const { rows, raw } = await measureEachBatch(images);
for (const row of rows) {
  const value = row.ours
    ? `${formatNumber(row.ours.median)} ${row.unit} (${formatNumber(row.ours.min)}–${formatNumber(row.ours.max)})`
    : '—';
  process.stdout.write(
    `${row.id} ${row.measurement}: ${value}, target ${row.target}, met: ${row.met}\n`,
  );
}
process.stdout.write(`${JSON.stringify(raw, null, 2)}\n`);
