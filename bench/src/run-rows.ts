// `pnpm --filter @retouch/bench bench:rows 3 4 [--repeat 5]`: only the named measurements, run
// several times over, for trying a change. Prints every repeat's figures and, per row, the median
// of the repeats' medians with their range. It never touches results.json or results.md (those
// come from full `pnpm bench` runs); the raw figures go to bench/.cache/rows-<time>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureBenchImages } from './bench-images.js';
import { cacheDir } from './bench-paths.js';
import { measureBatchOutput } from './measurements/batch-output.js';
import { measureClientOverhead } from './measurements/client-overhead.js';
import { measureConcurrency } from './measurements/concurrency.js';
import { measureEachBatch } from './measurements/each-batch.js';
import { measureMcpStartup } from './measurements/mcp-startup.js';
import { measureQueuePickup } from './measurements/queue-pickup.js';
import { measureUploadMemory } from './measurements/upload-memory.js';
import { formatNumber, type ResultRow } from './results-table.js';
import { spread } from './stats.js';

const measurements: Record<
  string,
  (images: Awaited<ReturnType<typeof ensureBenchImages>>) => Promise<{ rows: ResultRow[] }>
> = {
  '1': (images) => measureUploadMemory(images, 'openai'),
  '2': (images) => measureClientOverhead(images, 'openai'),
  '3': (images) => measureConcurrency(images, 'openai'),
  '4': (images) => measureQueuePickup(images, '@fal-ai/client'),
  '7': (images) => measureEachBatch(images),
  '8': () => measureMcpStartup(),
  '14': () => measureBatchOutput(),
};

function parseArgs(argv: readonly string[]): { measures: string[]; repeat: number } {
  const measures: string[] = [];
  let repeat = 3;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--repeat') repeat = Number(argv[++i]);
    else if (arg in measurements) measures.push(arg);
    else
      throw new Error(`unknown argument ${arg}: name measurements 1–4, 7, 8 or 14 and --repeat N`);
  }
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes a whole number');
  return { measures: measures.length > 0 ? measures : ['3', '4'], repeat };
}

const { measures, repeat } = parseArgs(process.argv.slice(2));
const images = await ensureBenchImages();
const byRow = new Map<
  string,
  { measurement: string; unit: string; ours: number[]; theirs: number[] }
>();
const loads: number[] = [];
for (let r = 1; r <= repeat; r++) {
  for (const measure of measures) {
    loads.push(loadavg()[0]!);
    const { rows } = await measurements[measure]!(images);
    for (const row of rows) {
      const entry = byRow.get(row.id) ?? {
        measurement: row.measurement,
        unit: row.unit,
        ours: [],
        theirs: [],
      };
      if (row.ours) entry.ours.push(row.ours.median);
      if (row.theirs) entry.theirs.push(row.theirs.median);
      byRow.set(row.id, entry);
      process.stderr.write(
        `[rows] repeat ${r}/${repeat} ${row.id}: ours ${format(row.ours?.median)} ${row.unit}, theirs ${format(row.theirs?.median)} ${row.unit}\n`,
      );
    }
  }
}

const summary = [...byRow].map(([id, entry]) => ({
  id,
  measurement: entry.measurement,
  unit: entry.unit,
  ours: entry.ours.length > 0 ? spread(entry.ours) : undefined,
  theirs: entry.theirs.length > 0 ? spread(entry.theirs) : undefined,
  oursRuns: entry.ours,
  theirsRuns: entry.theirs,
}));
for (const row of summary) {
  const ours = row.ours
    ? `${format(row.ours.median)} (${format(row.ours.min)}–${format(row.ours.max)})`
    : '—';
  const theirs = row.theirs
    ? `${format(row.theirs.median)} (${format(row.theirs.min)}–${format(row.theirs.max)})`
    : '—';
  process.stdout.write(
    `${row.id}\t${row.unit}\tours ${ours}\ttheirs ${theirs}\t${row.measurement}\n`,
  );
}
process.stdout.write(
  `load average (1 min) at each start: ${loads.map((l) => l.toFixed(1)).join(', ')}\n`,
);
mkdirSync(cacheDir, { recursive: true });
const file = join(cacheDir, `rows-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ measures, repeat, loads, summary }, null, 2)}\n`);
process.stderr.write(`[rows] raw figures in ${file}\n`);

function format(value: number | undefined): string {
  return value === undefined ? '—' : formatNumber(value);
}
