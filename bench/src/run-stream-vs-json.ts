// `pnpm --filter @retouch/bench bench:stream`: measurement 6 alone, printed, nothing written.
import { ensureBenchImages } from './bench-images.js';
import { measureStreamVsJson } from './measurements/stream-vs-json.js';
import { ratio } from './results-table.js';

const { rows } = await measureStreamVsJson(await ensureBenchImages());
for (const row of rows) {
  const times = (spread: typeof row.ours) =>
    spread
      ? `${spread.median.toFixed(1)} ms (${spread.min.toFixed(1)}–${spread.max.toFixed(1)})`
      : '—';
  process.stdout.write(
    `${row.id} ${row.measurement}\n   SSE ${times(row.ours)} · JSON ${times(row.theirs)} · ratio ${ratio(row)?.toFixed(2)}×${row.target ? ` (target ${row.target}: ${row.met ? 'met' : 'not met'})` : ''}\n`,
  );
}
