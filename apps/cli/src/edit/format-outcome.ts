import { relative } from 'node:path';
import type { EditCost } from '@retouch/core';
import {
  describeEditFacts,
  type EditOutcome,
  type EditProgress,
  formatCost,
  formatElapsed,
} from '@retouch/session';

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

/** One result as `--json` prints it. */
export interface OutputJson {
  path: string;
  /** Where the record of how it was made is kept. */
  record: EditOutcome<string>['outputs'][number]['recordIn'];
  sidecarPath?: string;
  mediaType: string;
  width: number;
  height: number;
  bytes: number;
}

export function outputsJson(outcome: EditOutcome<string>): OutputJson[] {
  return outcome.outputs.map((output) => ({
    path: output.location,
    record: output.recordIn,
    ...(output.sidecar ? { sidecarPath: output.sidecar } : {}),
    mediaType: output.mediaType,
    width: output.width,
    height: output.height,
    bytes: output.bytes,
  }));
}

/** The human summary printed after an edit on a terminal. */
export function formatOutcome(
  outcome: EditOutcome<string>,
  cwd: string,
  progress?: EditProgress,
): string {
  const count = outcome.outputs.length;
  const lines = [
    `✔ ${count} image${count === 1 ? '' : 's'} from ${outcome.provider} · ${outcome.model} in ${formatElapsed(outcome.elapsedMs)}`,
  ];
  for (const output of outcome.outputs) {
    const format = output.mediaType.replace('image/', '');
    lines.push(
      `  → ${displayPath(output.location, cwd)}  (${output.width}×${output.height} ${format}, ${formatBytes(output.bytes)}${sourceSize(outcome)})`,
    );
  }
  const sidecars = outcome.outputs.flatMap((output) => output.sidecar ?? []);
  if (sidecars.length === 1) lines.push(`    record: ${displayPath(sidecars[0]!, cwd)}`);
  else if (sidecars.length > 1) lines.push('    records: <image>.json beside each image');
  else if (count > 0) lines.push(`    record: inside the image${count === 1 ? '' : 's'}`);
  const facts = progress ? describeEditFacts(progress) : [];
  if (outcome.requestId) facts.push(`request id ${outcome.requestId}`);
  const usage = outcome.usage;
  if (usage?.totalTokens !== undefined) facts.push(`${usage.totalTokens} tokens`);
  facts.push(`cost ${describeCost(outcome.cost)}`);
  lines.push(`  ${facts.join(' · ')}`);
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
function sourceSize(outcome: EditOutcome<string>): string {
  const source = outcome.source;
  return source ? `; source ${source.width}×${source.height}` : '';
}
