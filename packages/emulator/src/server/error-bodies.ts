import type { RouteName } from '../faults/fault-rule.js';
import { jsonReply, type Reply } from './reply.js';

/** OpenAI's error envelope: `{error:{message,type,param,code}}`. */
export function openAiError(
  status: number,
  message: string,
  options: { type?: string; param?: string | null; code?: string | null } = {},
): Reply {
  return jsonReply(status, {
    error: {
      message,
      type: options.type ?? 'invalid_request_error',
      param: options.param ?? null,
      code: options.code ?? null,
    },
  });
}

/** fal's error body: `{detail: …}` (a string, or a list of field problems for 422). */
export function falError(status: number, detail: unknown): Reply {
  return jsonReply(status, { detail });
}

const OPENAI_DEFAULTS: Record<number, [string, string, string | null]> = {
  400: ['Invalid request.', 'invalid_request_error', null],
  401: ['Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'],
  403: ['You are not allowed to sample from this model.', 'invalid_request_error', null],
  404: [
    'The model does not exist or you do not have access to it.',
    'invalid_request_error',
    'model_not_found',
  ],
  408: ['Request timed out.', 'timeout', null],
  409: ['Conflict.', 'invalid_request_error', null],
  413: ['Request body too large.', 'invalid_request_error', 'request_too_large'],
  422: ['Unprocessable request.', 'invalid_request_error', null],
  429: [
    'Rate limit reached for requests. Please try again later.',
    'requests',
    'rate_limit_exceeded',
  ],
  500: [
    'The server had an error while processing your request. Sorry about that!',
    'server_error',
    null,
  ],
  502: ['Bad gateway.', 'server_error', null],
  503: ['The engine is currently overloaded, please try again later.', 'server_error', null],
  504: ['Gateway timeout.', 'server_error', null],
};

/** Routes that answer errors in OpenAI's envelope; the queue routes answer fal's. */
export function isOpenAiRoute(route: RouteName): boolean {
  return (
    route === 'images.edits' ||
    route === 'chat.completions' ||
    route === 'models' ||
    route.startsWith('files.') ||
    route.startsWith('batches.')
  );
}

/** The body a real service sends for `status` on `route`, used when a fault gives none. */
export function defaultErrorReply(route: RouteName, status: number): Reply {
  if (isOpenAiRoute(route)) {
    const [message, type, code] = OPENAI_DEFAULTS[status] ?? [
      `HTTP ${status}`,
      'server_error',
      null,
    ];
    return openAiError(status, message, { type, code });
  }
  const details: Record<number, string> = {
    401: 'Unauthorized',
    404: 'Request not found',
    429: 'Too many requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return falError(status, details[status] ?? `HTTP ${status}`);
}
