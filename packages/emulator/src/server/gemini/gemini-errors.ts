import type { FaultRule, RouteName } from '../../faults/fault-rule.js';
import { jsonReply, type Reply } from '../reply.js';

/** `google.rpc.Code` names by HTTP status, as Google's APIs pair them. */
const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const defaultMessages: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  429: 'You exceeded your current quota, please check your plan and billing details.',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'The request timed out. Please try again.',
};

export type GoogleErrorDetail = { '@type': string } & Record<string, unknown>;

/** Google's error envelope: `{error: {code, message, status, details?}}`. */
export function googleError(
  code: number,
  message: string,
  details: GoogleErrorDetail[] = [],
): Reply {
  return jsonReply(code, {
    error: {
      code,
      message,
      status: statusNames[code] ?? (code >= 500 ? 'INTERNAL' : 'UNKNOWN'),
      ...(details.length > 0 ? { details } : {}),
    },
  });
}

export const errorInfo = (reason: string, metadata: Record<string, string> = {}) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'googleapis.com',
  metadata: { service: 'generativelanguage.googleapis.com', ...metadata },
});

/**
 * A quota refusal as the Gemini API sends it: 429 RESOURCE_EXHAUSTED with a QuotaFailure and,
 * when the quota refills at a known time, `google.rpc.RetryInfo.retryDelay` (e.g. `"12s"`). It
 * carries no Retry-After header: the delay lives only in the body.
 */
export function resourceExhausted(retryDelay: string | undefined, model?: string): Reply {
  const details: GoogleErrorDetail[] = [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric:
            'generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count',
          quotaId: 'GenerateContentPaidTierInputTokensPerModelPerMinute',
          ...(model ? { quotaDimensions: { model, location: 'global' } } : {}),
        },
      ],
    },
    {
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [
        {
          description: 'Learn more about Gemini API quotas',
          url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
        },
      ],
    },
  ];
  if (retryDelay !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });
  }
  const wait = retryDelay === undefined ? '' : ` Please retry in ${retryDelay}.`;
  return googleError(
    429,
    `You exceeded your current quota, please check your plan and billing details.${wait}`,
    details,
  );
}

/** The body a fault without its own `body` answers with on a Gemini route. */
export function defaultGoogleErrorReply(status: number, fault: FaultRule | undefined): Reply {
  if (status === 429) return resourceExhausted(fault?.retryDelay);
  return googleError(status, defaultMessages[status] ?? `HTTP ${status}`);
}

/** Auth refusals as the Gemini API words them (a wrong key is a 400, not a 401). */
export function googleAuthReply(outcome: 'missing' | 'wrong'): Reply {
  return outcome === 'missing'
    ? googleError(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      )
    : googleError(400, 'API key not valid. Please pass a valid API key.', [
        errorInfo('API_KEY_INVALID'),
      ]);
}

/** Routes that answer in Google's envelope. */
export function isGeminiRoute(route: RouteName): boolean {
  return route === 'gemini.generateContent' || route === 'gemini.models';
}
