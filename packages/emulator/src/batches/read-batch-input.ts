import type { BatchError } from './emulator-batch.js';

/** The Batch API's limits on one input file. */
export const batchLimits = { maxRequests: 50_000, maxFileBytes: 200 * 1024 * 1024 } as const;

/** One request of a batch's input file. */
export interface BatchInputLine {
  line: number;
  customId: string;
  body: Record<string, unknown>;
}

export type BatchInput =
  | { ok: true; lines: BatchInputLine[]; model?: string }
  | { ok: false; errors: BatchError[] };

const problem = (code: string, message: string, line: number | null, param: string | null = null) =>
  ({ code, message, line, param }) satisfies BatchError;

/**
 * Validates a batch input file as the service does before running anything: JSONL, each line a
 * `{custom_id, method: "POST", url, body}` for the batch's endpoint, custom ids unique, one model,
 * within the request and size limits. Any problem fails the whole batch, with the line named.
 */
export function readBatchInput(bytes: Buffer, endpoint: string): BatchInput {
  if (bytes.length > batchLimits.maxFileBytes) {
    return {
      ok: false,
      errors: [
        problem(
          'file_too_large',
          `The input file is larger than ${batchLimits.maxFileBytes} bytes.`,
          null,
        ),
      ],
    };
  }
  const errors: BatchError[] = [];
  const lines: BatchInputLine[] = [];
  const seen = new Set<string>();
  let model: string | undefined;
  const texts = bytes.toString('utf8').split('\n');
  for (const [index, raw] of texts.entries()) {
    const text = raw.trim();
    const line = index + 1;
    if (!text) continue;
    if (errors.length >= 10) break;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      errors.push(problem('invalid_json_line', `This line is not parseable as valid JSON.`, line));
      continue;
    }
    const request = value as {
      custom_id?: unknown;
      method?: unknown;
      url?: unknown;
      body?: unknown;
    };
    if (typeof request.custom_id !== 'string' || request.custom_id.length === 0) {
      errors.push(
        problem(
          'missing_required_parameter',
          "Missing required parameter: 'custom_id'.",
          line,
          'custom_id',
        ),
      );
    } else if (seen.has(request.custom_id)) {
      errors.push(
        problem(
          'duplicate_custom_id',
          `The custom_id for this request is a duplicate of another request.`,
          line,
          'custom_id',
        ),
      );
    }
    if (request.method !== 'POST') {
      errors.push(
        problem('invalid_method', `Invalid method: only POST is supported.`, line, 'method'),
      );
    }
    if (request.url !== endpoint) {
      errors.push(
        problem(
          'mismatched_endpoint',
          `The provided URL '${String(request.url).slice(0, 200)}' does not match the batch endpoint '${endpoint}'.`,
          line,
          'url',
        ),
      );
    }
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      errors.push(problem('invalid_request', `The request body must be an object.`, line, 'body'));
      continue;
    }
    const body = request.body as Record<string, unknown>;
    const lineModel = typeof body.model === 'string' ? body.model : undefined;
    if (model !== undefined && lineModel !== model) {
      errors.push(
        problem(
          'mismatched_model',
          'All requests of a batch must use the same model.',
          line,
          'body.model',
        ),
      );
    }
    model ??= lineModel;
    if (typeof request.custom_id === 'string') seen.add(request.custom_id);
    lines.push({ line, customId: String(request.custom_id), body });
  }
  if (errors.length === 0 && lines.length === 0) {
    errors.push(problem('empty_file', 'The input file has no requests.', null));
  }
  if (lines.length > batchLimits.maxRequests) {
    errors.push(
      problem(
        'too_many_requests',
        `A batch takes at most ${batchLimits.maxRequests} requests; this file has ${lines.length}.`,
        null,
      ),
    );
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, lines, ...(model ? { model } : {}) };
}
