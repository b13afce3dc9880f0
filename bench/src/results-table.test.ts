import { describe, expect, it } from 'vitest';
import { type BenchResults, formatNumber, formatResultsTable, ratio } from './results-table.js';

const results: BenchResults = {
  machine: 'Node v20 · Test CPU · 2 cores',
  peers: { openai: '6.49.0' },
  rows: [
    {
      id: '1',
      measurement: 'Upload memory | peak',
      unit: 'MB',
      ours: { median: 4.25, min: 4, max: 5, runs: 5 },
      theirs: { median: 95, min: 90, max: 101, runs: 5 },
      theirsName: 'openai',
      target: '< 25% of file',
      met: true,
    },
    {
      id: '5c',
      measurement: 'Activation',
      unit: 'ms',
      ours: null,
      theirs: null,
      theirsName: '',
      target: '< 20 ms',
      met: undefined,
      note: 'not measured',
    },
  ],
  notes: ['A note.'],
};

describe('formatResultsTable', () => {
  const table = formatResultsTable(results);

  it('starts with the machine line and lists the peers', () => {
    expect(table.split('\n')[0]).toBe('Machine: Node v20 · Test CPU · 2 cores');
    expect(table).toContain('Peers: openai 6.49.0.');
  });

  it('shows medians with min–max, the ratio and whether the target is met', () => {
    expect(table).toContain(
      '| 1 | Upload memory \\| peak | 4.25 MB (4.00–5.00) | 95.0 MB (90.0–101) openai | 0.04× | < 25% of file | yes |',
    );
  });

  it('marks figures that were not measured instead of inventing them', () => {
    expect(table).toContain('| 5c | Activation (not measured) | — | — | — | < 20 ms | n/a |');
    expect(ratio(results.rows[1]!)).toBeUndefined();
  });

  it('rounds by magnitude', () => {
    expect(formatNumber(1234.5)).toBe('1,235');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(0.123)).toBe('0.12');
  });
});
