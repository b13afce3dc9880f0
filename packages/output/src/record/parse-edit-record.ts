import { z } from 'zod';
import {
  type EditRecord,
  editRecordSchema,
  type RecordedFile,
  type RecordedOptions,
  type RecordedWarning,
  recordedOptionKeys,
} from './edit-record.js';

// Records come from files anyone may have written: every string and list is bounded.
const text = (max: number) => z.string().max(max);
const count = z.number().int().nonnegative().max(1_000_000);
const dimension = z.number().int().positive().max(1_000_000);

const usageSchema = z.looseObject({
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  totalTokens: z.number().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const money = z.number().finite().min(0).max(1e9);
const currency = text(10);

/** A record's `cost`; one that does not fit is dropped rather than making the record unreadable. */
const costSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('actual'),
    amount: money,
    currency,
    basis: z.enum(['usage', 'images']),
    pricesChecked: text(40).optional(),
  }),
  z.object({
    kind: z.literal('unknown'),
    reason: text(1000),
    estimate: z.object({ amount: money, currency }).optional(),
  }),
]);

const warningSchema = z.union([
  z.looseObject({ type: text(100).optional(), message: text(4000) }),
  text(4000),
]);

const currentFileSchema = z.object({ path: text(4096), sha256: text(128) });

/** A record whose markup does not check out is still read, as an edit without markup. */
const markupSchema = currentFileSchema
  .extend({ delivery: z.enum(['flattened', 'reference']), sentPrompt: text(100_000) })
  .optional()
  .catch(undefined);

const currentSchema = z.looseObject({
  schema: z.literal(editRecordSchema),
  editId: text(200),
  createdAt: text(64),
  tool: z.object({ name: text(200), version: text(100) }),
  prompt: text(100_000),
  provider: text(200),
  model: text(500),
  endpoint: text(2048).optional(),
  options: z.record(z.string(), z.unknown()),
  sources: z.array(currentFileSchema).max(100),
  mask: currentFileSchema.optional(),
  markup: markupSchema,
  output: z.object({
    file: text(1024),
    index: count,
    count: count.optional(),
    mediaType: text(100),
    width: dimension,
    height: dimension,
    revisedPrompt: text(100_000).optional(),
  }),
  requestIds: z.array(text(500)).max(1000),
  usage: usageSchema.optional(),
  warnings: z.array(warningSchema).max(1000),
  cost: costSchema.optional().catch(undefined),
});

/** What the CLI wrote beside results before this package: `schema: "retouch.edit/v1"`. */
const cliV1Schema = z.object({
  schema: z.literal('retouch.edit/v1'),
  createdAt: text(64),
  tool: z.object({ name: text(200), version: text(100) }),
  prompt: text(100_000),
  provider: text(200),
  model: text(500),
  endpoint: text(2048).optional(),
  options: z.record(z.string(), z.unknown()),
  sources: z
    .array(z.object({ role: z.enum(['image', 'mask']), file: text(4096), sha256: text(128) }))
    .max(101),
  output: z.object({
    file: text(1024),
    index: count,
    mediaType: text(100),
    width: dimension,
    height: dimension,
    revisedPrompt: text(100_000).optional(),
  }),
  requestId: text(500).optional(),
  requestIds: z.array(text(500)).max(1000).optional(),
  usage: usageSchema.optional(),
  warnings: z.array(warningSchema).max(1000).optional(),
});

/** What the extension wrote beside results before this package: `tool: "retouch", version: 1`. */
const extensionV1Schema = z.object({
  tool: z.literal('retouch'),
  version: z.literal(1),
  createdAt: text(64),
  prompt: text(100_000),
  revisedPrompt: text(100_000).optional(),
  provider: text(200),
  model: text(500),
  options: z.record(z.string(), z.unknown()),
  sources: z.array(currentFileSchema).max(100),
  mask: currentFileSchema.optional(),
  result: z.object({
    path: text(4096),
    mediaType: text(100),
    width: dimension,
    height: dimension,
  }),
  requestId: text(500).optional(),
  warnings: z.array(warningSchema).max(1000).optional(),
});

/** Keeps the recorded options whose values have the right type; drops anything else. */
function pickOptions(raw: Record<string, unknown>): RecordedOptions {
  const picked: Record<string, unknown> = {};
  for (const key of recordedOptionKeys) {
    const value = raw[key];
    const numeric = key === 'n' || key === 'outputCompression';
    if (numeric ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string')
      picked[key] = value;
  }
  return picked as RecordedOptions;
}

function warningsOf(raw: z.infer<typeof warningSchema>[] | undefined): RecordedWarning[] {
  return (raw ?? []).map((warning) =>
    typeof warning === 'string'
      ? { type: 'other', message: warning }
      : { type: warning.type ?? 'other', message: warning.message },
  );
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Reads a record in any format either tool has written: the current one, the CLI's old sidecars
 * (`schema: "retouch.edit/v1"`) and the extension's (`tool: "retouch"`, `version: 1`). Older ones
 * are upgraded to the current shape. Unknown fields of a current record (a later version's) are
 * kept; a malformed `cost` is dropped. Undefined for anything else.
 */
export function parseEditRecord(value: unknown): EditRecord | undefined {
  const current = currentSchema.safeParse(value);
  if (current.success) {
    const { cost, markup, ...record } = current.data;
    return {
      ...record,
      ...(cost ? { cost } : {}),
      ...(markup ? { markup } : {}),
      options: pickOptions(record.options),
      warnings: warningsOf(record.warnings),
    } as EditRecord;
  }
  const cli = cliV1Schema.safeParse(value);
  if (cli.success) {
    const old = cli.data;
    const requestIds = old.requestIds ?? (old.requestId ? [old.requestId] : []);
    const file = (role: 'image' | 'mask'): RecordedFile[] =>
      old.sources
        .filter((source) => source.role === role)
        .map((source) => ({ path: source.file, sha256: source.sha256 }));
    const [mask] = file('mask');
    return withoutUndefined({
      schema: editRecordSchema,
      // Results of one old CLI run share their request ids; that is what groups them.
      editId: `cli-v1:${requestIds.join(',') || old.createdAt}`,
      createdAt: old.createdAt,
      tool: old.tool,
      prompt: old.prompt,
      provider: old.provider,
      model: old.model,
      endpoint: old.endpoint,
      options: pickOptions(old.options),
      sources: file('image'),
      mask,
      output: withoutUndefined({ ...old.output }),
      requestIds,
      usage: old.usage,
      warnings: warningsOf(old.warnings),
    });
  }
  const extension = extensionV1Schema.safeParse(value);
  if (extension.success) {
    const old = extension.data;
    return withoutUndefined({
      schema: editRecordSchema,
      // One old extension edit wrote one createdAt and request id into all of its sidecars.
      editId: `vscode-v1:${old.requestId ?? ''}:${old.createdAt}`,
      createdAt: old.createdAt,
      tool: { name: 'retouch-vscode', version: 'unknown' },
      prompt: old.prompt,
      provider: old.provider,
      model: old.model,
      options: pickOptions(old.options),
      sources: old.sources,
      mask: old.mask,
      output: withoutUndefined({
        file: lastSegment(old.result.path),
        index: 0,
        mediaType: old.result.mediaType,
        width: old.result.width,
        height: old.result.height,
        revisedPrompt: old.revisedPrompt,
      }),
      requestIds: old.requestId ? [old.requestId] : [],
      warnings: warningsOf(old.warnings),
    });
  }
  return undefined;
}

/** Largest record text read from a file or an image; a real one is a few kilobytes. */
export const maxRecordTextLength = 1024 * 1024;

/** Parses record JSON text; undefined when it is too long, not JSON, or not a record. */
export function parseEditRecordText(json: string): EditRecord | undefined {
  if (json.length > maxRecordTextLength) return undefined;
  try {
    return parseEditRecord(JSON.parse(json));
  } catch {
    return undefined;
  }
}
