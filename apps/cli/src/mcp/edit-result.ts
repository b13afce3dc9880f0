import { readFile } from 'node:fs/promises';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { EachOutcome, EditOutcome } from '@retouch/session';
import { formatCost, formatCostTotal } from '@retouch/session';
import { previewImage } from './preview-image.js';

type Content = CallToolResult['content'][number];

/** An edit as the agent sees it: paths, cost and warnings in words and as data, then previews. */
export async function editResult(outcome: EditOutcome<string>): Promise<CallToolResult> {
  const outputs = outcome.outputs.map((output) => output.location);
  const warnings = outcome.warnings.map((warning) => warning.message);
  const lines = [
    `Wrote ${outputs.length} result${outputs.length === 1 ? '' : 's'} with ${outcome.provider}:${outcome.model}:`,
    ...outputs.map((path) => `- ${path}`),
    `Cost: ${formatCost(outcome.cost)}`,
    ...warnings.map((warning) => `Warning: ${warning}`),
    ...outcome.notes.map((note) => `Note: ${note}`),
    ...(outcome.error ? [`Problem: ${outcome.error.message}`] : []),
  ];
  const previews = await previewsOf(outcome.outputs.map((o) => [o.location, o.mediaType]));
  return {
    content: [{ type: 'text', text: lines.join('\n') }, ...previews],
    structuredContent: {
      outputs,
      provider: outcome.provider,
      model: outcome.model,
      cost: outcome.cost,
      warnings,
      notes: outcome.notes,
    },
  };
}

/** A batch: its id for a resume, what happened to each image, and previews of a few results. */
export async function eachResult(
  batchId: string,
  outcome: EachOutcome<string>,
): Promise<CallToolResult> {
  const { counts } = outcome.summary;
  const items = outcome.items.map(({ input, outcome: item }) => ({
    image: input,
    status: item.status,
    outputs: 'outputs' in item ? item.outputs : [],
    ...('error' in item ? { error: item.error.message } : {}),
    ...('reason' in item ? { error: item.reason } : {}),
  }));
  const unfinished = counts.total - counts.done;
  const lines = [
    `Batch ${batchId}: ${counts.done} of ${counts.total} done${counts.failed ? `, ${counts.failed} failed` : ''} with ${outcome.provider}:${outcome.model}.`,
    ...items.map(
      (item) =>
        `- ${item.image}: ${item.status}${item.outputs.length ? ` → ${item.outputs.join(', ')}` : ''}${item.error ? ` (${item.error})` : ''}`,
    ),
    `Cost: ${formatCostTotal(outcome.summary.cost)}`,
    ...outcome.notes.map((note) => `Note: ${note}`),
    ...(unfinished > 0
      ? [`To finish the rest, call edit_each again with batchId "${batchId}".`]
      : []),
  ];
  const fresh = outcome.items.flatMap((item) =>
    (item.delivered?.delivery.outputs ?? []).map(
      (output) => [output.location, output.mediaType] as [string, string],
    ),
  );
  return {
    content: [{ type: 'text', text: lines.join('\n') }, ...(await previewsOf(fresh.slice(0, 4)))],
    structuredContent: { batchId, counts, items, cost: outcome.summary.cost },
    ...(counts.failed > 0 && counts.done === 0 ? { isError: true } : {}),
  };
}

async function previewsOf(files: readonly (readonly [string, string])[]): Promise<Content[]> {
  const previews = await Promise.all(
    files.map(async ([path, mediaType]) => {
      const data = await readFile(path).catch(() => undefined);
      return data && (await previewImage(data, mediaType).catch(() => undefined));
    }),
  );
  return previews.flatMap((preview) =>
    preview ? [{ type: 'image' as const, data: preview.data, mimeType: preview.mimeType }] : [],
  );
}
