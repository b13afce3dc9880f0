import { randomBytes } from 'node:crypto';
import type { LineAnswer } from '../batches/run-batch.js';
import { EditInputError } from '../edit/edit-input-error.js';
import type { EmulatorState } from './emulator-state.js';
import { answerEdit, MAX_IMAGE_BYTES } from './images-edits-route.js';
import { EditRequestError, parseJson } from './parse-edit-request.js';

function lineError(status: number, message: string, param: string | null, code: string | null) {
  return { status, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

/**
 * One batch line's body through the live endpoint's own code (the same validation against the
 * spec, the same real edit), answered as that endpoint would have answered it.
 */
export async function answerBatchLine(
  state: EmulatorState,
  body: Record<string, unknown>,
): Promise<LineAnswer> {
  const requestId = `req_${randomBytes(16).toString('hex')}`;
  if (body.stream === true) {
    return {
      ...lineError(400, 'Streaming is not supported in a batch.', 'stream', 'invalid_value'),
      requestId,
    };
  }
  try {
    const request = await parseJson(Buffer.from(JSON.stringify(body)), MAX_IMAGE_BYTES, (id) =>
      state.openAiFiles.bytes(id),
    );
    const reply = await answerEdit(request, { origin: state.fallbackOrigin(), state, requestId });
    const text = reply.kind === 'body' ? reply.body.toString('utf8') : '{}';
    return { status: reply.status, body: JSON.parse(text), requestId };
  } catch (error) {
    if (error instanceof EditRequestError || error instanceof EditInputError) {
      return { ...lineError(400, error.message, error.param, error.code), requestId };
    }
    throw error;
  }
}
