import type { EditCost, ItemOutcome } from '@retouch/core';
import { sanitizeServerText } from '@retouch/core/http';
import { type EachOutcome, formatCost, formatCostTotal, formatElapsed } from '@retouch/session';
import { type ExitCode, exitCodeForErrorCode, exitCodes } from '../exit-codes.js';
import { displayPath } from './format-outcome.js';

/** What the summary of a batch reads (a live `--each` or a `--batch` outcome): each input's path. */
type EachSummary = Omit<EachOutcome<string>, 'items'> & {
  items: ReadonlyArray<{ input: string }>;
};

/** The exit code of a batch: a cancel, then the first failure's family, then a budget stop. */
export function eachExitCode(outcome: EachSummary): ExitCode {
  const { summary } = outcome;
  if (summary.stopped?.reason === 'cancelled') return exitCodes.cancelled;
  const failed = summary.items.find((item) => item.status === 'failed');
  if (failed?.status === 'failed') return exitCodeForErrorCode(failed.error.code);
  if (summary.stopped) return exitCodeForErrorCode(summary.stopped.error.code);
  if (summary.items.some((item) => item.status === 'over-budget')) return exitCodes.invalidInput;
  if (summary.items.some((item) => item.status === 'done' && item.problem)) return exitCodes.output;
  return exitCodes.ok;
}

const shown = (text: string) => sanitizeServerText(text, { singleLine: true });

function itemLine(input: string, item: ItemOutcome, cwd: string): string {
  const name = displayPath(input, cwd);
  switch (item.status) {
    case 'done': {
      const outputs = item.outputs.map((output) => displayPath(output, cwd)).join(', ');
      const resumed = item.resumed ? ' (job from an earlier run)' : '';
      return `  ✔ ${name} → ${outputs} · ${formatCost(item.cost)}${resumed}`;
    }
    case 'done-before':
      return `  ✔ ${name}: done in an earlier run`;
    case 'failed':
      return `  ✖ ${name}: ${shown(item.error.message)} (${item.error.code})`;
    case 'over-budget':
      return `  – ${name}: not started: ${item.reason}`;
    case 'not-started':
      return `  – ${name}: not started: ${shown(item.reason)}`;
  }
}

/** The human summary of `retouch edit --each`. */
export function formatEachOutcome(outcome: EachSummary, cwd: string): string {
  const { summary } = outcome;
  const { counts } = summary;
  const earlier = summary.items.filter((item) => item.status === 'done-before').length;
  const head = [
    `${counts.done === counts.total ? '✔' : '✖'} ${counts.done} of ${counts.total} done${earlier ? ` (${earlier} in an earlier run)` : ''}`,
    counts.failed ? `${counts.failed} failed` : '',
    counts.skipped ? `${counts.skipped} not started` : '',
    `${outcome.provider} · ${outcome.model} in ${formatElapsed(outcome.elapsedMs)}`,
  ].filter(Boolean);
  const lines = [head.join(' · ')];
  summary.items.forEach((item, index) => {
    lines.push(itemLine(outcome.items[index]!.input, item, cwd));
  });
  const ran = summary.items.filter((item) => item.status === 'done');
  if (ran.length > 0)
    lines.push(
      `  cost: ${formatCostTotal(summary.cost)}${costBasis(ran.map((item) => item.cost))}`,
    );
  if (summary.stopped?.reason === 'error')
    lines.push(`  stopped: ${shown(summary.stopped.error.message)}`);
  for (const note of outcome.notes) lines.push(`  note: ${note}`);
  if (counts.done < counts.total) {
    lines.push(
      `  journal: ${displayPath(outcome.journal, cwd)}; run the same command again to finish the rest`,
    );
  }
  return lines.join('\n');
}

function costBasis(costs: readonly EditCost[]): string {
  const known = costs.filter((cost) => cost.kind === 'actual');
  if (known.length === 0) return '';
  const checked = known.find((cost) => cost.kind === 'actual' && cost.pricesChecked);
  return ` (from what the provider reported${checked?.kind === 'actual' ? `, prices of ${checked.pricesChecked}` : ''})`;
}

/** The one JSON document `retouch edit --each --json` prints. */
export function eachJson(outcome: EachSummary, prompt: string, notices: string[]): string {
  const { summary } = outcome;
  const items = summary.items.map((item, index) => {
    const input = outcome.items[index]!.input;
    switch (item.status) {
      case 'done':
        return {
          input,
          status: item.status,
          outputs: item.outputs,
          requestIds: item.requestIds,
          cost: item.cost,
          resumed: item.resumed,
          warnings: item.warnings,
          ...(item.problem ? { problem: item.problem.message } : {}),
          elapsedMs: Math.round(item.elapsedMs),
        };
      case 'done-before':
        return { input, status: item.status, outputs: item.outputs, cost: item.cost };
      case 'failed':
        return {
          input,
          status: item.status,
          error: {
            code: item.error.code,
            message: item.error.message,
            exitCode: exitCodeForErrorCode(item.error.code),
          },
          elapsedMs: Math.round(item.elapsedMs),
        };
      default:
        return { input, status: item.status, reason: item.reason };
    }
  });
  return JSON.stringify({
    ok: eachExitCode(outcome) === exitCodes.ok,
    each: true,
    provider: outcome.provider,
    model: outcome.model,
    prompt,
    counts: summary.counts,
    cost: summary.cost,
    estimate: summary.estimate,
    items,
    ...(summary.stopped
      ? {
          stopped: {
            reason: summary.stopped.reason,
            code: summary.stopped.error.code,
            message: summary.stopped.error.message,
          },
        }
      : {}),
    journal: outcome.journal,
    notes: outcome.notes,
    notices,
    elapsedMs: Math.round(outcome.elapsedMs),
  });
}
