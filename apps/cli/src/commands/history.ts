import { resolve } from 'node:path';
import { parseCommandArgs, usageError } from '../args/parse-command-args.js';
import { type CliContext, printOut } from '../cli-context.js';
import { readOutputRecord, sanitizeRecordText } from '../edit/read-record.js';
import { exitCodes } from '../exit-codes.js';

export const historyHelp = `Usage: retouch history <result…> [--json]

Shows how each result was made: prompt, provider, model, options, sources and cost. The record is
read from inside the image, or, for a result its provider signed (Content Credentials), from the
hidden .retouch/ folder beside it, where it is kept so the signature stays intact; else from a
name.ext.json sidecar.

Options:
      --json    Print one JSON document
  -h, --help    Show this help`;

const historyOptions = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const whereRecorded = {
  image: 'in the image',
  store: 'in .retouch/ (the image is signed by its provider and left as sent)',
  sidecar: 'in the sidecar beside it',
} as const;

export async function historyCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values, positionals } = parseCommandArgs('history', args, historyOptions);
  if (values.help) {
    await printOut(context, historyHelp);
    return exitCodes.ok;
  }
  if (positionals.length === 0) throw usageError('history', 'Name at least one result', 'images');
  const found = await Promise.all(
    positionals.map(async (name) => ({
      name,
      found: await readOutputRecord(resolve(context.cwd, name)),
    })),
  );
  if (context.machine) {
    const records = found.map(({ name, found }) =>
      found
        ? { path: name, recordIn: found.from, record: found.record }
        : { path: name, record: null },
    );
    await printOut(context, JSON.stringify({ ok: true, records }));
    return exitCodes.ok;
  }
  const lines: string[] = [];
  for (const { name, found: entry } of found) {
    if (!entry) {
      lines.push(`${name}: no Retouch record found`);
      continue;
    }
    const { record } = entry;
    lines.push(
      `${name}`,
      `    prompt: ${sanitizeRecordText(record.prompt)}`,
      `    made with ${sanitizeRecordText(record.provider)}:${sanitizeRecordText(record.model)} on ${record.createdAt}`,
      `    from ${record.sources.map((source) => sanitizeRecordText(source.path)).join(', ')}`,
      `    record: ${whereRecorded[entry.from]}`,
    );
  }
  await printOut(context, lines.join('\n'));
  return exitCodes.ok;
}
