import { formatMoney } from '@retouch/core/cost';
import { type DryRun, formatCost } from '@retouch/session';

/** What `--dry-run` prints for a person. */
export function formatDryRun(dryRun: DryRun, maxCost?: number): string {
  const lines = [`Dry run: nothing was sent.`];
  const earlier = [
    dryRun.doneBefore ? `${dryRun.doneBefore} done in an earlier run would be skipped` : '',
    dryRun.leftOut
      ? `${dryRun.leftOut} result${dryRun.leftOut === 1 ? '' : 's'} of an earlier run left out`
      : '',
  ].filter(Boolean);
  const skipped = earlier.length > 0 ? ` (${earlier.join('; ')})` : '';
  lines.push(
    `  ${dryRun.edits} edit${dryRun.edits === 1 ? '' : 's'} with ${dryRun.provider} · ${dryRun.model}${skipped}: inputs, options and output folder checked`,
  );
  if (dryRun.total.kind === 'estimate') {
    lines.push(`  estimated cost: ${formatCost(dryRun.total)}, ${dryRun.total.basis}`);
  } else lines.push(`  estimated cost: unknown: ${dryRun.total.reason}`);
  const source = dryRun.pricing?.source;
  if (source)
    lines.push(
      `  prices: ${source.title}${source.url ? ` (${source.url})` : ''}, checked ${source.checked}`,
    );
  if (maxCost !== undefined) {
    lines.push(
      dryRun.withinBudget
        ? `  within --max-cost ${formatMoney(maxCost, dryRun.pricing?.currency)}`
        : `  over --max-cost ${formatMoney(maxCost, dryRun.pricing?.currency)}: a real run would start only the edits that fit`,
    );
  }
  for (const warning of dryRun.warnings) lines.push(`  ⚠ ${warning.message}`);
  return lines.join('\n');
}
