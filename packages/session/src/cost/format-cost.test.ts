import { totalCost } from '@retouch/core/cost';
import { describe, expect, it } from 'vitest';
import { formatCost, formatCostTotal } from './format-cost.js';

describe('cost as people read it', () => {
  it('says an amount, an estimate said to be one, or unknown with what was estimated', () => {
    expect(formatCost({ kind: 'actual', amount: 0.0421, currency: 'USD', basis: 'usage' })).toBe(
      '$0.0421',
    );
    expect(formatCost({ kind: 'estimate', amount: 0.167, currency: 'USD', basis: '' })).toBe(
      '≈ $0.167 (estimate)',
    );
    expect(
      formatCost({
        kind: 'unknown',
        reason: 'the provider reported no token usage',
        estimate: { amount: 0.042, currency: 'USD' },
      }),
    ).toBe('unknown (≈ $0.042 estimated)');
    expect(formatCost(undefined)).toBe('unknown');
  });

  it('adds up known costs and counts the unknown ones apart', () => {
    const total = totalCost([
      { kind: 'actual', amount: 0.1, currency: 'USD', basis: 'usage' },
      { kind: 'unknown', reason: 'no usage', estimate: { amount: 0.05, currency: 'USD' } },
    ]);
    expect(formatCostTotal(total)).toBe('$0.10 + 1 unknown, ≈ $0.05 estimated for them');
    expect(formatCostTotal(totalCost([{ kind: 'unknown', reason: 'x' }]))).toBe('unknown (1 edit)');
  });
});
