// `pnpm --filter @retouch/bench bench:batch`: measurement 9 alone, merged into results.json and
// results.md in place of an earlier row 8 (the other rows, and their notes, stay as the last full
// `pnpm bench` left them; a full run regenerates everything).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './bench-paths.js';
import { batchOutputNote, measureBatchOutput } from './measurements/batch-output.js';
import { plan } from './measurements/bench-plan.js';
import { type BenchResults, formatResultsTable } from './results-table.js';

if (plan.quick) throw new Error('commit only full runs: unset RETOUCH_BENCH_QUICK');
const path = join(benchDir, 'results.json');
const previous = JSON.parse(readFileSync(path, 'utf8')) as BenchResults & {
  raw: Record<string, unknown>;
};
const { rows, raw } = await measureBatchOutput();
const notes = previous.notes.filter((note) => !note.startsWith('14: '));
const results: BenchResults & { raw: Record<string, unknown> } = {
  ...previous,
  rows: [...previous.rows.filter((row) => !row.id.startsWith('14')), ...rows],
  notes: [...notes, batchOutputNote(plan.batchOutputRuns)],
  raw: { ...previous.raw, batchOutput: raw },
};
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
const table = formatResultsTable(results);
writeFileSync(join(benchDir, 'results.md'), `# Retouch benchmarks\n\n${table}`);
process.stdout.write(`${table}\n`);
