import { RetouchError } from '@retouch/core';
import type { BatchApiState } from '@retouch/core/batch-api';
import { sanitizeServerText } from '@retouch/core/http';
import * as z from 'zod/mini';

const statusSchema = z.enum([
  'validating',
  'in_progress',
  'finalizing',
  'completed',
  'failed',
  'expired',
  'cancelling',
  'cancelled',
]);

const id = z.string().check(z.minLength(1), z.maxLength(500));

/** The parts of OpenAI's `Batch` object the job follows. */
export const batchSchema = z.object({
  id,
  status: statusSchema,
  input_file_id: z.optional(z.string()),
  output_file_id: z.nullish(id),
  error_file_id: z.nullish(id),
  request_counts: z.nullish(
    z.object({ total: z.number(), completed: z.number(), failed: z.number() }),
  ),
  errors: z.nullish(
    z.object({
      data: z.nullish(
        z.array(z.object({ message: z.nullish(z.string()), line: z.nullish(z.number()) })),
      ),
    }),
  ),
});

export type WireBatch = z.output<typeof batchSchema>;

/** A `Batch` answer as the engine's state; anything else is `invalid_response`. */
export function toBatchState(
  json: unknown,
  provider: string,
): BatchApiState & { inputFileId?: string } {
  const parsed = batchSchema.safeParse(json);
  if (!parsed.success) {
    throw new RetouchError({
      code: 'invalid_response',
      provider,
      message: `${provider}: the server did not answer with a batch object. Check that the base URL points at OpenAI's API, which has the Batch API.`,
    });
  }
  const batch = parsed.data;
  const state: BatchApiState & { inputFileId?: string } = {
    id: batch.id,
    status: batch.status,
    counts: batch.request_counts ?? { total: 0, completed: 0, failed: 0 },
  };
  if (batch.output_file_id) state.outputFileId = batch.output_file_id;
  if (batch.error_file_id) state.errorFileId = batch.error_file_id;
  if (batch.input_file_id) state.inputFileId = batch.input_file_id;
  const errors = batch.errors?.data ?? [];
  if (errors.length > 0) {
    state.errors = errors
      .slice(0, 5)
      .map((error) =>
        sanitizeServerText(
          `${error.line ? `line ${error.line}: ` : ''}${(error.message ?? 'no message').slice(0, 300)}`,
          { singleLine: true },
        ),
      );
  }
  return state;
}
