import * as z from 'zod/mini';
import {
  type EditRecord,
  editRecordSchema,
  type RecordedFile,
  type RecordedOptions,
  type RecordedWarning,
  recordedOptionKeys,
} from './edit-record.js';

// Records come from files anyone may have written: every string and list is bounded.
const text = (max: number) => z.string().check(z.maxLength(max));
const count = z.int().check(z.nonnegative(), z.maximum(1_000_000));
const dimension = z.int().check(z.positive(), z.maximum(1_000_000));

const usageSchema = z.looseObject({
  inputTokens: z.optional(z.number()),
  outputTokens: z.optional(z.number()),
  totalTokens: z.optional(z.number()),
  details: z.optional(z.record(z.string(), z.unknown())),
});

const money = z.number().check(z.minimum(0), z.maximum(1e9));
const currency = text(10);

/** A record's `cost`; one that does not fit is dropped rather than making the record unreadable. */
const costSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('actual'),
    amount: money,
    currency,
    basis: z.enum(['usage', 'images']),
    pricesChecked: z.optional(text(40)),
  }),
  z.object({
    kind: z.literal('unknown'),
    reason: text(1000),
    estimate: z.optional(z.object({ amount: money, currency })),
  }),
]);

const warningSchema = z.union([
  z.looseObject({ type: z.optional(text(100)), message: text(4000) }),
  text(4000),
]);

const currentFileSchema = z.object({ path: text(4096), sha256: text(128) });

/** A record whose markup does not check out is still read, as an edit without markup. */
const markupSchema = z.catch(
  z.optional(
    z.extend(currentFileSchema, {
      delivery: z.enum(['flattened', 'reference', 'layer']),
      sentPrompt: text(100_000),
    }),
  ),
  undefined,
);

const currentSchema = z.looseObject({
  schema: z.literal(editRecordSchema),
  editId: text(200),
  createdAt: text(64),
  tool: z.object({ name: text(200), version: text(100) }),
  prompt: text(100_000),
  provider: text(200),
  model: text(500),
  endpoint: z.optional(text(2048)),
  options: z.record(z.string(), z.unknown()),
  sources: z.array(currentFileSchema).check(z.maxLength(100)),
  mask: z.optional(currentFileSchema),
  markup: markupSchema,
  output: z.object({
    file: text(1024),
    index: count,
    count: z.optional(count),
    mediaType: text(100),
    width: dimension,
    height: dimension,
    revisedPrompt: z.optional(text(100_000)),
  }),
  requestIds: z.array(text(500)).check(z.maxLength(1000)),
  usage: z.optional(usageSchema),
  warnings: z.array(warningSchema).check(z.maxLength(1000)),
  cost: z.catch(z.optional(costSchema), undefined),
  batch: z.catch(z.optional(z.object({ id: text(200), item: text(8192) })), undefined),
});

/** What the CLI wrote beside results before this package: `schema: "retouch.edit/v1"`. */
const cliV1Schema = z.object({
  schema: z.literal('retouch.edit/v1'),
  createdAt: text(64),
  tool: z.object({ name: text(200), version: text(100) }),
  prompt: text(100_000),
  provider: text(200),
  model: text(500),
  endpoint: z.optional(text(2048)),
  options: z.record(z.string(), z.unknown()),
  sources: z
    .array(z.object({ role: z.enum(['image', 'mask']), file: text(4096), sha256: text(128) }))
    .check(z.maxLength(101)),
  output: z.object({
    file: text(1024),
    index: count,
    mediaType: text(100),
    width: dimension,
    height: dimension,
    revisedPrompt: z.optional(text(100_000)),
  }),
  requestId: z.optional(text(500)),
  requestIds: z.optional(z.array(text(500)).check(z.maxLength(1000))),
  usage: z.optional(usageSchema),
  warnings: z.optional(z.array(warningSchema).check(z.maxLength(1000))),
});

/** What the extension wrote beside results before this package: `tool: "retouch", version: 1`. */
const extensionV1Schema = z.object({
  tool: z.literal('retouch'),
  version: z.literal(1),
  createdAt: text(64),
  prompt: text(100_000),
  revisedPrompt: z.optional(text(100_000)),
  provider: text(200),
  model: text(500),
  options: z.record(z.string(), z.unknown()),
  sources: z.array(currentFileSchema).check(z.maxLength(100)),
  mask: z.optional(currentFileSchema),
  result: z.object({
    path: text(4096),
    mediaType: text(100),
    width: dimension,
    height: dimension,
  }),
  requestId: z.optional(text(500)),
  warnings: z.optional(z.array(warningSchema).check(z.maxLength(1000))),
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
    const { cost, markup, batch, ...record } = current.data;
    return {
      ...record,
      ...(cost ? { cost } : {}),
      ...(batch ? { batch } : {}),
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
