// `pnpm --filter @retouch/bench bench:photos`: measurements 8 and 9 (real photos over a 20 Mbit/s
// uplink, issue 29) alone. Their rows replace rows 8–9 in results.json and results.md, with a note
// saying when they ran; every other row stays as the last full run left it.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureBenchImages } from './bench-images.js';
import { benchDir } from './bench-paths.js';
import { describeMachine, machineLine } from './machine.js';
import { plan } from './measurements/bench-plan.js';
import { measurePhotoEdits } from './measurements/photo-edits.js';
import { photoEditsNote } from './method-notes.js';
import { installedVersion } from './peer-versions.js';
import { type BenchResults, formatResultsTable, type ResultRow } from './results-table.js';

const before = loadavg()[0]!;
const images = await ensureBenchImages();
const { rows, raw } = await measurePhotoEdits(images, 'openai');
const after = loadavg()[0]!;
const machine = describeMachine();
const path = join(benchDir, 'results.json');
const json = JSON.parse(readFileSync(path, 'utf8')) as BenchResults & Record<string, unknown>;
const isPhotoRow = (row: ResultRow) => /^[89][a-z]$/.test(row.id);
json.rows = [...json.rows.filter((row) => !isPhotoRow(row)), ...rows];
const ranAt = `Rows 8–9 ran on their own (\`bench:photos\`, ${plan.quick ? 'quick plan, ' : ''}${machineLine(machine)}, 1-minute load ${before.toFixed(1)} → ${after.toFixed(1)} on ${machine.cores} cores; openai ${installedVersion('openai')}).`;
json.notes = [
  ...json.notes.filter((note) => !note.startsWith('8–9:') && !note.startsWith('Rows 8–9 ran')),
  photoEditsNote(plan),
  ranAt,
];
(json as Record<string, unknown>).raw = {
  ...((json as Record<string, unknown>).raw as object),
  photoEdits: raw,
};
writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
const table = formatResultsTable(json);
writeFileSync(join(benchDir, 'results.md'), `# Retouch benchmarks\n\n${table}`);
for (const row of rows) {
  const value = (s: ResultRow['ours']) =>
    s ? `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : '—';
  process.stdout.write(
    `${row.id} ${row.measurement}\n   ours ${value(row.ours)} ${row.unit} · theirs ${value(row.theirs)} · target ${row.target || '—'} · met ${row.met}${row.note ? ` · ${row.note}` : ''}\n`,
  );
}
