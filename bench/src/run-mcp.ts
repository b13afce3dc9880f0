// `pnpm --filter @retouch/bench bench:mcp`: measurement 8 alone, its row put into results.json
// and results.md in place of the last one (the other rows stay as the last full run left them).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './bench-paths.js';
import { measureMcpStartup } from './measurements/mcp-startup.js';
import { type BenchResults, formatNumber, formatResultsTable } from './results-table.js';

const { rows, raw } = await measureMcpStartup();
const file = join(benchDir, 'results.json');
const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults & {
  raw?: Record<string, unknown>;
};
results.rows = [...results.rows.filter((row) => !rows.some((ours) => ours.id === row.id)), ...rows];
results.raw = { ...results.raw, mcpStartup: raw };
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  join(benchDir, 'results.md'),
  `# Retouch benchmarks\n\n${formatResultsTable(results)}`,
);
for (const row of rows) {
  process.stdout.write(
    `${row.id} ${row.measurement}: ${formatNumber(row.ours!.median)} ${row.unit} (theirs ${formatNumber(row.theirs!.median)}), target ${row.target}, met: ${row.met}\n`,
  );
}
