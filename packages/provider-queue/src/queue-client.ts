import type { PluginContext } from '@retouch/core';
import { RetouchError } from '@retouch/core';
import { createHttpClient, type HttpClient, type HttpResponse } from '@retouch/core/http';
import type { QueueConfig } from './queue-config.js';

export const queueProviderId = 'queue';

export interface QueueRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  json?: unknown;
  accept?: string;
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
  checkTrusted(url: string, what: string): void;
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
  });
  const authHeaders: Record<string, string> = { ...config.headers };
  if (config.apiKey) {
    authHeaders.authorization = `${config.authStyle === 'key' ? 'Key' : 'Bearer'} ${config.apiKey}`;
  }

  function checkTrusted(url: string, what: string): void {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new RetouchError({
        code: 'invalid_response',
        provider,
        retryable: false,
        message: `The queue server gave a ${what} that is not a URL. Check that the base URL (${config.baseURL}) points at a queue API, or set pathTemplates.`,
      });
    }
    if (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      trustedOrigins.has(parsed.origin)
    )
      return;
    throw new RetouchError({
      code: 'invalid_response',
      provider,
      retryable: false,
      message: `The queue server pointed the job's ${what} at ${parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : `a ${parsed.protocol} URL`}, which is not ${baseOrigin}. Retouch does not send your key or your job there. If you trust that origin, add it to allowedOrigins in the queue provider's configuration.`,
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
    async request({ method, url, json, accept, signal }) {
      checkTrusted(url, 'URL');
      const headers: Record<string, string> = {
        accept: accept ?? 'application/json',
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
