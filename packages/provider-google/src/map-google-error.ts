import {
  type HttpResponse,
  readHttpError,
  redactSecrets,
  sanitizeServerText,
} from '@retouch/core/http';
import { type RetouchError, type RetouchErrorCode, retouchErrorWith } from '@retouch/core/provider';
import * as z from 'zod/mini';

/** Google's error envelope: `{error: {code, message, status, details: [{"@type", …}]}}`. */
const envelopeSchema = z.object({
  error: z.object({
    code: z.optional(z.number()),
    message: z.optional(z.string()),
    status: z.optional(z.string()),
    details: z.optional(z.array(z.record(z.string(), z.unknown()))),
  }),
});

export type GoogleErrorEnvelope = z.output<typeof envelopeSchema>['error'];

export interface GoogleErrorContext {
  provider: string;
  secrets: readonly string[];
}

/** `google.rpc.Code` names, by what they mean for a Retouch user. */
const codeForStatus: Record<string, { code: RetouchErrorCode; retryable: boolean }> = {
  INVALID_ARGUMENT: { code: 'invalid_request', retryable: false },
  FAILED_PRECONDITION: { code: 'invalid_request', retryable: false },
  OUT_OF_RANGE: { code: 'invalid_request', retryable: false },
  UNAUTHENTICATED: { code: 'authentication', retryable: false },
  PERMISSION_DENIED: { code: 'permission', retryable: false },
  NOT_FOUND: { code: 'not_found', retryable: false },
  RESOURCE_EXHAUSTED: { code: 'rate_limited', retryable: true },
  ABORTED: { code: 'server', retryable: true },
  INTERNAL: { code: 'server', retryable: true },
  UNAVAILABLE: { code: 'server', retryable: true },
  DEADLINE_EXCEEDED: { code: 'timeout', retryable: true },
  CANCELLED: { code: 'server', retryable: true },
};

const authReasons = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED', 'ACCESS_TOKEN_EXPIRED']);

const nextStep: Partial<Record<RetouchErrorCode, string>> = {
  invalid_request: 'Check the options against what the model supports.',
  authentication:
    'Check the API key (for the Gemini API: GEMINI_API_KEY or GOOGLE_API_KEY; for Vertex AI: a current access token).',
  permission: 'Check that the key or project has access to this model and that billing is enabled.',
  not_found: 'Check the base URL and the model name.',
  rate_limited: 'The quota refills over time: wait, or run fewer edits at once.',
  server: 'Google had a problem on its side; try again in a moment.',
  timeout: 'Google gave up waiting; try again.',
};

/**
 * How long `google.rpc.RetryInfo` asks to wait, in milliseconds. Its `retryDelay` is a protobuf
 * Duration in JSON: seconds with an `s` suffix, e.g. `"12s"` or `"0.5s"`.
 */
export function retryDelayMs(details: readonly Record<string, unknown>[] = []): number | undefined {
  for (const detail of details) {
    if (!String(detail['@type'] ?? '').endsWith('google.rpc.RetryInfo')) continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(String(detail.retryDelay ?? '').trim());
    if (match) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}

function reasonOf(details: readonly Record<string, unknown>[] = []): string | undefined {
  const info = details.find((d) => String(d['@type'] ?? '').endsWith('google.rpc.ErrorInfo'));
  return typeof info?.reason === 'string' ? info.reason : undefined;
}

/** A non-2xx answer as a RetouchError, read from Google's envelope when it has one. */
export async function readGoogleError(
  response: HttpResponse,
  context: GoogleErrorContext,
): Promise<RetouchError> {
  let envelope: GoogleErrorEnvelope | undefined;
  const generic = await readHttpError(response, {
    provider: context.provider,
    secrets: context.secrets,
    parseBody: (json) => {
      const parsed = envelopeSchema.safeParse(json);
      if (!parsed.success) return undefined;
      envelope = parsed.data.error;
      return { message: envelope.message, code: envelope.status };
    },
  });
  if (!envelope) return generic;
  const reason = reasonOf(envelope.details);
  const mapped = envelope.status === undefined ? undefined : codeForStatus[envelope.status];
  let code: RetouchErrorCode = mapped?.code ?? generic.code;
  let retryable = mapped?.retryable ?? generic.retryable;
  if (reason && authReasons.has(reason)) {
    code = 'authentication';
    retryable = false;
  }
  const retryAfterMs = retryDelayMs(envelope.details) ?? generic.retryAfterMs;
  const label = [envelope.status, reason].filter(Boolean).join(', ');
  const said = envelope.message ? `: "${quote(envelope.message, context.secrets)}"` : '.';
  const wait =
    code === 'rate_limited' && retryAfterMs !== undefined
      ? ` Google asks to retry in ${formatSeconds(retryAfterMs)}.`
      : '';
  return retouchErrorWith(generic, {
    code,
    retryable,
    retryAfterMs,
    message:
      `${context.provider} returned HTTP ${response.status}${label ? ` (${sanitizeServerText(label, { singleLine: true })})` : ''}${said}${wait} ${nextStep[code] ?? ''}`.trim(),
  });
}

export function quote(text: string, secrets: readonly string[], max = 300): string {
  const clean = sanitizeServerText(redactSecrets(text, secrets), { singleLine: true })
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
