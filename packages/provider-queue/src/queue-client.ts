import { createHttpClient, type HttpClient, type HttpResponse } from '@retouch/core/http';
import type { PluginContext } from '@retouch/core/provider';
import { RetouchError } from '@retouch/core/provider';
import type { QueueConfig } from './queue-config.js';

export const queueProviderId = 'queue';

/** Where a URL came from: a server's answer, or a stored job handle (the caller's data). */
export type UrlSource = 'response' | 'handle';

export interface QueueRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  json?: unknown;
  accept?: string;
  /** Per-request headers (an idempotency key); the configured ones and the key win over them. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * The one way this provider talks to a queue server. It refuses URLs on origins the user has
 * not trusted, so the key (and the job's data) never reaches a server that merely named itself
 * in a submit response.
 */
export interface QueueClient {
  readonly provider: string;
  readonly config: QueueConfig;
  readonly http: HttpClient;
  /** Origin of `baseURL`; the only origin result downloads send credentials to. */
  readonly baseOrigin: string;
  readonly secrets: readonly string[];
  /** Credentials and configured headers, for requests to a trusted origin. */
  readonly authHeaders: Readonly<Record<string, string>>;
  /** Throws unless `url` is http(s) on the base origin or an allowed one. */
  checkTrusted(url: string, what: string, source?: UrlSource): void;
  request(request: QueueRequest): Promise<HttpResponse>;
}

export function createQueueClient(config: QueueConfig, context: PluginContext): QueueClient {
  const provider = queueProviderId;
  const secrets = config.apiKey ? [config.apiKey] : [];
  const baseOrigin = new URL(config.baseURL).origin;
  const trustedOrigins = new Set([baseOrigin, ...config.allowedOrigins]);
  const http = createHttpClient({
    provider,
    proxy: config.proxy,
    connectTimeoutMs: config.timeouts.connectMs,
    headersTimeoutMs: config.timeouts.headersMs,
    bodyTimeoutMs: config.timeouts.bodyMs,
    secrets,
    log: context.log,
    limits: config.responseLimits,
  });
  const authHeaders: Record<string, string> = { ...config.headers };
  if (config.apiKey) {
    authHeaders.authorization = `${config.authStyle === 'key' ? 'Key' : 'Bearer'} ${config.apiKey}`;
  }

  function checkTrusted(url: string, what: string, source: UrlSource = 'response'): void {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    const web = parsed?.protocol === 'http:' || parsed?.protocol === 'https:';
    if (parsed && web && trustedOrigins.has(parsed.origin)) return;
    const where = !parsed
      ? 'something that is not a URL'
      : web
        ? parsed.origin
        : `a ${parsed.protocol} URL`;
    const advice = `Retouch does not send your key or your job there. If you trust that origin, add it to allowedOrigins in the queue provider's configuration.`;
    throw new RetouchError({
      code: source === 'handle' ? 'invalid_request' : 'invalid_response',
      provider,
      retryable: false,
      message:
        source === 'handle'
          ? `This job handle's ${what} points at ${where}, not ${baseOrigin}. ${advice}`
          : `The queue server pointed the job's ${what} at ${where}, not ${baseOrigin}. ${advice}`,
      ...(source === 'handle'
        ? { issues: [{ field: 'handle.data', message: `${what} is not on a trusted origin` }] }
        : {}),
    });
  }

  return {
    provider,
    config,
    http,
    baseOrigin,
    secrets,
    authHeaders,
    checkTrusted,
    async request({ method, url, json, accept, headers: extra, signal }) {
      checkTrusted(url, 'URL');
      const headers: Record<string, string> = {
        accept: accept ?? 'application/json',
        ...extra,
        ...authHeaders,
      };
      if (json !== undefined) headers['content-type'] = 'application/json';
      return http.request({
        method,
        url,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        signal,
      });
    },
  };
}
