import { batchView, terminalStatuses } from '../batches/emulator-batch.js';
import { batchOperations } from '../openapi/openai-subset.generated.js';
import { specValidator } from '../openapi/spec-validator.js';
import { jsonReply, openAiError, type Reply } from './reply-helpers.js';
import type { RouteContext } from './route-context.js';

/** The one endpoint the emulator runs batches for; the others are valid but not emulated. */
const EMULATED_ENDPOINT = '/v1/images/edits';

function notFound(id: string): Reply {
  return openAiError(404, `No batch found with id '${id.slice(0, 200)}'.`, { param: 'batch_id' });
}

/** `POST /v1/batches`: checks the body and its input file, then starts the batch. */
export async function createBatch(ctx: RouteContext): Promise<Reply> {
  let value: unknown;
  try {
    value = JSON.parse((await ctx.body()).toString('utf8'));
  } catch {
    return openAiError(400, 'We could not parse the JSON body of your request.');
  }
  const schema = batchOperations['POST /batches'].requestBodies['application/json'];
  const known = new Set(specValidator().propertyNames(schema));
  for (const name of Object.keys((value ?? {}) as object)) {
    if (!known.has(name)) {
      return openAiError(400, `Unknown parameter: '${name}'.`, {
        param: name,
        code: 'unknown_parameter',
      });
    }
  }
  const issue = specValidator().validate(schema, value);
  if (issue) return openAiError(400, issue.message, { param: issue.param, code: issue.code });
  const body = value as {
    input_file_id: string;
    endpoint: string;
    metadata?: Record<string, string> | null;
  };
  if (body.endpoint !== EMULATED_ENDPOINT) {
    return openAiError(
      400,
      `The emulator runs batches for ${EMULATED_ENDPOINT} only, not ${body.endpoint}.`,
      { param: 'endpoint' },
    );
  }
  const input = ctx.state.openAiFiles.get(body.input_file_id);
  if (!input) {
    return openAiError(
      400,
      `Invalid 'input_file_id': no file with id '${body.input_file_id.slice(0, 200)}'.`,
      { param: 'input_file_id' },
    );
  }
  if (input.purpose !== 'batch') {
    return openAiError(
      400,
      `Invalid 'input_file_id': the file was uploaded with purpose '${input.purpose}', not 'batch'.`,
      { param: 'input_file_id' },
    );
  }
  const batch = ctx.state.batches.create({
    endpoint: body.endpoint,
    inputFileId: body.input_file_id,
    metadata: body.metadata ?? null,
  });
  return jsonReply(200, batchView(batch));
}

export function retrieveBatch(ctx: RouteContext, id: string): Reply {
  const batch = ctx.state.batches.get(id);
  return batch ? jsonReply(200, batchView(batch)) : notFound(id);
}

/** `POST /v1/batches/{id}/cancel`: `cancelling` now, `cancelled` once the runner stops. */
export function cancelBatch(ctx: RouteContext, id: string): Reply {
  const batch = ctx.state.batches.get(id);
  if (!batch) return notFound(id);
  if (terminalStatuses.has(batch.status) && batch.status !== 'cancelled') {
    return openAiError(409, `Cannot cancel a batch with status '${batch.status}'.`);
  }
  if (!batch.cancelRequested && batch.status !== 'cancelled') {
    batch.cancelRequested = true;
    batch.status = 'cancelling';
    batch.cancellingAt = Math.floor(Date.now() / 1000);
  }
  return jsonReply(200, batchView(batch));
}

/** `GET /v1/batches?after=&limit=`: newest first, `limit` 1–100 (default 20). */
export function listBatches(ctx: RouteContext): Reply {
  const after = ctx.url.searchParams.get('after');
  const limitText = ctx.url.searchParams.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return openAiError(400, `Invalid 'limit': must be an integer from 1 to 100.`, {
      param: 'limit',
    });
  }
  const all = ctx.state.batches.newestFirst();
  const start = after === null ? 0 : all.findIndex((batch) => batch.id === after) + 1;
  const page = all.slice(start, start + limit);
  return jsonReply(200, {
    object: 'list',
    data: page.map(batchView),
    ...(page.length > 0 ? { first_id: page[0]!.id, last_id: page.at(-1)!.id } : {}),
    has_more: start + limit < all.length,
  });
}
