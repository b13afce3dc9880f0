// `pnpm --filter @retouch/bench bench:extension`: measurement 5 (the extension's sizes and
// activation) alone, `RETOUCH_BENCH_RUNS` times (default 1), printed; nothing is written.
import { measureExtension } from './measurements/extension.js';
import { formatNumber } from './results-table.js';

const repeats = Number(process.env.RETOUCH_BENCH_RUNS ?? 1);
for (let i = 0; i < repeats; i++) {
  const { rows } = await measureExtension();
  process.stdout.write(`run ${i + 1} of ${repeats}\n`);
  for (const row of rows) {
    const ours = row.ours
      ? `${formatNumber(row.ours.median)} ${row.unit}${row.ours.runs > 1 ? ` (${formatNumber(row.ours.min)}–${formatNumber(row.ours.max)})` : ''}`
      : '—';
    const met = row.met === undefined ? '' : row.met ? ' ✓' : ' ✗';
    process.stdout.write(
      `  ${row.id} ${row.measurement}: ${ours}${row.target ? ` (target ${row.target})${met}` : ''}${row.note ? ` — ${row.note}` : ''}\n`,
    );
  }
}
