import { RetouchError } from '@retouch/core';
import type { BatchApiLineResult } from '@retouch/core/batch-api';
import { redactSecrets, sanitizeServerText } from '@retouch/core/http';
import * as z from 'zod/mini';
import { parseOpenAIErrorBody, streamErrorToRetouchError } from '../map-openai-error.js';
import { parseImagesResponse } from '../parse-images-response.js';
import type { SendContext } from '../send-context.js';

/** One line of an output or error file (`BatchRequestOutput`). */
const lineSchema = z.object({
  custom_id: z.string().check(z.maxLength(500)),
  response: z.nullish(
    z.object({
      status_code: z.number(),
      request_id: z.nullish(z.string().check(z.maxLength(500))),
      body: z.unknown(),
    }),
  ),
  error: z.nullish(z.object({ code: z.nullish(z.string()), message: z.nullish(z.string()) })),
});

/**
 * A result line as an edit result or an error, matched by its `custom_id`: a 200 answer is read
 * exactly as a live edit's answer; any other answer, or a request the batch never ran (expired,
 * cancelled), is that item's error. Undefined for a line that is not a batch result at all.
 */
export async function parseBatchResultLine(
  text: string,
  context: SendContext,
  signal: AbortSignal,
): Promise<BatchApiLineResult | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { custom_id: customId, response, error } = parsed.data;
  const { provider, secrets } = context;
  const requestId = response?.request_id ?? undefined;
  if (response && response.status_code >= 200 && response.status_code < 300) {
    try {
      const result = await parseImagesResponse(JSON.stringify(response.body), {
        provider,
        requestId,
        secrets,
        signal,
        download: (url, downloadSignal) => context.download(url, downloadSignal ?? signal),
      });
      return { customId, ok: true, result };
    } catch (problem) {
      return { customId, ok: false, error: problem as RetouchError };
    }
  }
  if (response) {
    const detail = parseOpenAIErrorBody(response.body);
    const { code } = streamErrorToRetouchError(detail, { provider, secrets }, 'the answer');
    const said = sanitizeServerText(
      redactSecrets((detail?.message ?? 'no reason given').slice(0, 300), secrets),
      {
        singleLine: true,
      },
    ).replace(/\.+$/, '');
    const hint = code === 'content_policy' ? ' Rephrase the prompt or use other images.' : '';
    return {
      customId,
      ok: false,
      error: new RetouchError({
        code,
        provider,
        status: response.status_code,
        ...(requestId ? { requestId } : {}),
        retryable: false,
        message: `${provider} refused this image in the batch (HTTP ${response.status_code}): ${said}.${hint}`,
      }),
    };
  }
  const reason =
    error?.code === 'batch_expired'
      ? 'the batch ran out of time (24 hours) before it got to this image'
      : error?.code === 'batch_cancelled'
        ? 'the batch was cancelled before it got to this image'
        : sanitizeServerText((error?.message ?? 'the batch gave no result for it').slice(0, 300), {
            singleLine: true,
          });
  return {
    customId,
    ok: false,
    error: new RetouchError({
      code: error?.code === 'batch_cancelled' ? 'cancelled' : 'server',
      provider,
      retryable: false,
      message: `${provider}: ${reason}.`,
    }),
  };
}
