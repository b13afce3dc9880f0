import { relative } from 'node:path';
import { type EditCost, formatCost } from '@retouch/core';
import { formatElapsed, type ProgressState } from '../progress/progress-line.js';
import type { EditOutcome } from './run-edit.js';

/** A path relative to `cwd` when it is inside it, else absolute. */
export function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown === '' || shown.startsWith('..') ? path : shown;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The human summary printed after an edit on a terminal. */
export function formatOutcome(outcome: EditOutcome, cwd: string, progress?: ProgressState): string {
  const count = outcome.outputs.length;
  const lines = [
    `✔ ${count} image${count === 1 ? '' : 's'} from ${outcome.provider} · ${outcome.model} in ${formatElapsed(outcome.elapsedMs)}`,
  ];
  for (const output of outcome.outputs) {
    const format = output.mediaType.replace('image/', '');
    lines.push(
      `  → ${displayPath(output.path, cwd)}  (${output.width}×${output.height} ${format}, ${formatBytes(output.bytes)}${sourceSize(outcome)})`,
    );
  }
  const sidecars = outcome.outputs.flatMap((output) => output.sidecarPath ?? []);
  if (sidecars.length === 1) lines.push(`    record: ${displayPath(sidecars[0]!, cwd)}`);
  else if (sidecars.length > 1) lines.push('    records: <image>.json beside each image');
  else if (count > 0) lines.push(`    record: inside the image${count === 1 ? '' : 's'}`);
  const facts: string[] = [];
  if (progress?.waitedInQueue) {
    facts.push(
      progress.mostAhead
        ? `waited in queue behind up to ${progress.mostAhead} job${progress.mostAhead === 1 ? '' : 's'}`
        : 'waited in queue',
    );
  }
  if (progress && progress.partials > 0)
    facts.push(`${progress.partials} partial image${progress.partials === 1 ? '' : 's'}`);
  if (progress && progress.retries > 0)
    facts.push(`${progress.retries} ${progress.retries === 1 ? 'retry' : 'retries'}`);
  if (outcome.requestId) facts.push(`request id ${outcome.requestId}`);
  const usage = outcome.usage;
  if (usage?.totalTokens !== undefined) facts.push(`${usage.totalTokens} tokens`);
  facts.push(`cost ${describeCost(outcome.cost)}`);
  if (facts.length > 0) lines.push(`  ${facts.join(' · ')}`);
  for (const warning of outcome.warnings) lines.push(`  ⚠ ${warning.message}`);
  for (const note of outcome.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

/** `$0.0421 (from the reported usage, prices of 2026-11-23)`, or `unknown: why`. */
export function describeCost(cost: EditCost): string {
  if (cost.kind === 'unknown') return `${formatCost(cost)}: ${cost.reason}`;
  const basis = cost.basis === 'usage' ? 'from the reported usage' : 'by the images returned';
  const checked = cost.pricesChecked ? `, prices of ${cost.pricesChecked}` : '';
  return `${formatCost(cost)} (${basis}${checked})`;
}

/** The source's size beside the result's, so a result the model answered smaller shows it. */
function sourceSize(outcome: EditOutcome): string {
  const source = outcome.source;
  return source ? `; source ${source.width}×${source.height}` : '';
}
