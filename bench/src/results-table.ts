import type { Spread } from './stats.js';

/** One line of the results table: a figure for ours and, where a peer does the same job, theirs. */
export interface ResultRow {
  id: string;
  measurement: string;
  unit: string;
  ours: Spread | null;
  theirs: Spread | null;
  /** e.g. `openai 6.49.0`; empty when there is no peer for the figure. */
  theirsName: string;
  target: string;
  /** undefined when the target could not be checked (nothing measured). */
  met: boolean | undefined;
  note?: string;
}

export interface BenchResults {
  machine: string;
  peers: Record<string, string>;
  rows: ResultRow[];
  notes: string[];
}

export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cell(value: Spread | null, unit: string): string {
  if (!value) return '—';
  const main = `${formatNumber(value.median)} ${unit}`;
  if (value.runs < 2 || value.min === value.max) return main;
  return `${main} (${formatNumber(value.min)}–${formatNumber(value.max)})`;
}

export function ratio(row: Pick<ResultRow, 'ours' | 'theirs'>): number | undefined {
  if (!row.ours || !row.theirs || row.theirs.median === 0) return undefined;
  return row.ours.median / row.theirs.median;
}

function escapePipes(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The markdown the README shows: a machine line, then one row per figure. */
export function formatResultsTable(results: BenchResults): string {
  const lines = [
    `Machine: ${results.machine}`,
    '',
    `Peers: ${Object.entries(results.peers)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}. Figures are medians, (min–max) over the runs.`,
    '',
    '| # | Measurement | Ours | Theirs | Ours ÷ theirs | Target | Met |',
    '| - | ----------- | ---- | ------ | ------------- | ------ | --- |',
  ];
  for (const row of results.rows) {
    const r = ratio(row);
    const theirs = row.theirs ? `${cell(row.theirs, row.unit)} ${row.theirsName}`.trim() : '—';
    const met = row.met === undefined ? 'n/a' : row.met ? 'yes' : 'no';
    lines.push(
      `| ${[
        row.id,
        escapePipes(row.note ? `${row.measurement} (${row.note})` : row.measurement),
        cell(row.ours, row.unit),
        escapePipes(theirs),
        r === undefined ? '—' : `${r.toFixed(2)}×`,
        escapePipes(row.target),
        met,
      ].join(' | ')} |`,
    );
  }
  if (results.notes.length > 0) {
    lines.push('', ...results.notes.map((note) => `- ${note}`));
  }
  return `${lines.join('\n')}\n`;
}
