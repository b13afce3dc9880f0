// `pnpm --filter @retouch/bench bench:region`: measurement 13 (a region edit of a 24 MP photo over
// a 20 Mbit/s uplink, issue 30) alone. It prints the rows and writes nothing.
import { ensureBenchImages } from './bench-images.js';
import { measureRegionEdit } from './measurements/region-edit.js';
import type { ResultRow } from './results-table.js';

const images = await ensureBenchImages();
const { rows } = await measureRegionEdit(images, 'openai');
for (const row of rows) {
  const value = (s: ResultRow['ours']) =>
    s ? `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)}, ${s.runs} runs)` : '—';
  process.stdout.write(
    `${row.id} ${row.measurement}\n   ours ${value(row.ours)} ${row.unit} · theirs ${value(row.theirs)} ${row.unit}\n`,
  );
}
