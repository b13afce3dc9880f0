import {
  type ErrorBodyDetail,
  type HttpResponse,
  readHttpError,
  redactSecrets,
  sanitizeServerText,
} from '@retouch/core/http';
import { RetouchError, type RetouchErrorCode } from '@retouch/core/provider';
import * as z from 'zod/mini';

const nullableString = z.pipe(
  z.optional(z.union([z.string(), z.number(), z.null()])),
  z.transform((value) => (value === null || value === undefined ? undefined : String(value))),
);

/** OpenAI's `Error` object; gateways fill it loosely, so every field is optional. */
const errorObjectSchema = z.object({
  message: nullableString,
  type: nullableString,
  code: nullableString,
  param: nullableString,
});

const errorEnvelopeSchema = z.object({
  error: z.union([
    errorObjectSchema,
    z.pipe(
      z.string(),
      z.transform((message) => ({ message })),
    ),
  ]),
});

function compact(detail: z.infer<typeof errorObjectSchema> | { message: string }): ErrorBodyDetail {
  const result: ErrorBodyDetail = {};
  for (const key of ['message', 'type', 'code', 'param'] as const) {
    const value = (detail as Record<string, string | undefined>)[key];
    if (value) result[key] = value;
  }
  return result;
}

/**
 * Reads OpenAI's error envelope `{error: {message, type, code, param}}`, the bare `Error` object
 * that stream error events carry, and the `{error: "text"}` some gateways send.
 */
export function parseOpenAIErrorBody(json: unknown): ErrorBodyDetail | undefined {
  const envelope = errorEnvelopeSchema.safeParse(json);
  if (envelope.success) return compact(envelope.data.error);
  const bare = errorObjectSchema.safeParse(json);
  if (bare.success && bare.data.message) return compact(bare.data);
  return undefined;
}

export interface OpenAIErrorContext {
  provider: string;
  secrets: readonly string[];
}

/** A non-2xx answer as a RetouchError, plus the envelope it carried (for the stream fallback). */
export async function readOpenAIError(
  response: HttpResponse,
  context: OpenAIErrorContext,
): Promise<{ error: RetouchError; detail: ErrorBodyDetail | undefined }> {
  let detail: ErrorBodyDetail | undefined;
  const error = await readHttpError(response, {
    provider: context.provider,
    secrets: context.secrets,
    parseBody: (json) => {
      detail = parseOpenAIErrorBody(json);
      return detail;
    },
  });
  return { error, detail };
}

/** True when a 400 blames `stream`/`partial_images`: the gateway cannot stream this edit. */
export function isStreamRejection(status: number, detail: ErrorBodyDetail | undefined): boolean {
  if (status !== 400 || !detail) return false;
  if (detail.param === 'stream' || detail.param === 'partial_images') return true;
  return /\b(stream|streaming|partial_images)\b/i.test(detail.message ?? '');
}

const codeByErrorCode: Record<string, RetouchErrorCode> = {
  moderation_blocked: 'content_policy',
  content_policy_violation: 'content_policy',
  content_filter: 'content_policy',
  rate_limit_exceeded: 'rate_limited',
  insufficient_quota: 'rate_limited',
  invalid_api_key: 'authentication',
  authentication_error: 'authentication',
  permission_error: 'permission',
  invalid_request_error: 'invalid_request',
  image_generation_user_error: 'invalid_request',
  not_found_error: 'not_found',
};

const nextStep: Record<RetouchErrorCode, string> = {
  content_policy: 'Rephrase the prompt or use other images.',
  rate_limited: 'Wait a moment and try again.',
  authentication: 'Check the API key.',
  permission: 'Check that the key may use this model.',
  invalid_request: 'Change the request as the message says.',
  not_found: 'Check the model id and base URL.',
  payload_too_large: 'Use smaller images.',
  timeout: 'Try again.',
  cancelled: '',
  network: 'Try again.',
  server: 'Try again later.',
  invalid_response: 'Check that the base URL points at an OpenAI-compatible images API.',
  output: '',
};

/**
 * An error event inside a 200 event stream has no HTTP status, so its `code`/`type` decide the
 * class; unknown ones count as a retryable server failure.
 */
export function streamErrorToRetouchError(
  detail: ErrorBodyDetail | undefined,
  context: OpenAIErrorContext & { requestId?: string },
  /** What carried the error: an event stream, or a 200 answer's body (some gateways do that). */
  carrier: 'the edit stream' | 'the answer' = 'the edit stream',
): RetouchError {
  const code =
    codeByErrorCode[detail?.code ?? ''] ?? codeByErrorCode[detail?.type ?? ''] ?? 'server';
  const quota = detail?.code === 'insufficient_quota';
  const serverMessage = sanitizeServerText(
    redactSecrets((detail?.message ?? 'no message').slice(0, 300), context.secrets),
    { singleLine: true },
  );
  const param = detail?.param
    ? ` (param: ${sanitizeServerText(detail.param, { singleLine: true })})`
    : '';
  const hint = quota ? 'Check your plan and billing.' : nextStep[code];
  return new RetouchError({
    code,
    message:
      `${context.provider}: ${carrier} reported an error: ${serverMessage}${param}. ${hint}`.trim(),
    retryable: quota ? false : undefined,
    requestId: context.requestId,
    provider: context.provider,
    issues: detail?.param ? [{ field: detail.param, message: serverMessage }] : undefined,
  });
}
