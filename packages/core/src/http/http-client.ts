import type { Readable } from 'node:stream';
import { type Dispatcher, request as undiciRequest } from 'undici';
import type { RequestLogEntry } from '../contract/plugin.js';
import { throwIfAborted } from '../errors/abort-error.js';
import { RetouchError } from '../errors/retouch-error.js';
import { acquireDispatcher } from './dispatcher-cache.js';
import { type HttpResponse, wrapResponse } from './http-response.js';
import { isMultipartBody, type MultipartBody, multipartUploadChunks } from './multipart-body.js';
import { reportRateLimits } from './rate-limit-scope.js';
import { redactSecrets, redactUrl } from './redact.js';
import { type ResponseLimits, withDefaultLimits } from './response-limits.js';
import { type TransportErrorContext, transportError } from './transport-error.js';

export interface HttpClientOptions {
  /** Used in error messages and log entries. */
  provider: string;
  /** Proxy URL; without it HTTPS_PROXY/HTTP_PROXY/NO_PROXY from the environment apply. */
  proxy?: string;
  /** Default 600 000: slow high-quality edits can take minutes before the first byte. */
  headersTimeoutMs?: number;
  /** Longest silence while a response body is arriving. Default 600 000. */
  bodyTimeoutMs?: number;
  /** Default 30 000. */
  connectTimeoutMs?: number;
  /** Scrubbed from every message and log line. */
  secrets?: readonly string[];
  /** One entry per exchange, URL redacted. */
  log?: (entry: RequestLogEntry) => void;
  /** How much of each kind of answer is read before giving up; see `ResponseLimits` for defaults. */
  limits?: Partial<ResponseLimits>;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string | URL;
  headers?: Record<string, string>;
  /** A MultipartBody streams with its own content-type and content-length. */
  body?: string | Uint8Array | MultipartBody;
  signal?: AbortSignal;
}

export interface HttpClient {
  /** Resolves with any status: non-2xx responses are returned, for `readHttpError` to explain. */
  request(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const provider = options.provider;
  const secrets = options.secrets ?? [];
  const headersTimeoutMs = options.headersTimeoutMs ?? 600_000;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 600_000;
  const limits = withDefaultLimits(options.limits, provider);
  const { dispatcher, release } = acquireDispatcherFor(options, headersTimeoutMs, bodyTimeoutMs);
  let closed = false;

  function log(entry: Omit<RequestLogEntry, 'provider' | 'url'>, url: string): void {
    if (!options.log) return;
    const safeUrl = redactSecrets(redactUrl(url), secrets);
    const error = entry.error === undefined ? undefined : redactSecrets(entry.error, secrets);
    options.log({ provider, url: safeUrl, ...entry, ...(error === undefined ? {} : { error }) });
  }

  return {
    async request(request) {
      const url = String(request.url);
      const errorContext = (phase: TransportErrorContext['phase']): TransportErrorContext => ({
        provider,
        url,
        phase,
        signal: request.signal,
        secrets,
        headersTimeoutMs,
        bodyTimeoutMs,
      });
      if (closed) {
        throw new RetouchError({
          code: 'invalid_request',
          provider,
          message: `The HTTP client for ${provider} was closed; create a new one to send more requests.`,
        });
      }
      throwIfAborted(request.signal, provider);
      const started = performance.now();
      let raw: Dispatcher.ResponseData;
      try {
        const { headers, body } = requestBody(request);
        raw = await undiciRequest(url, {
          method: request.method,
          headers,
          // undici documents (Async)Iterable bodies and accepts them; its typings list only Readable.
          body: body as Readable | undefined,
          signal: request.signal,
          dispatcher,
        });
      } catch (error) {
        const mapped = transportError(error, errorContext('request'));
        log(
          {
            method: request.method,
            durationMs: elapsed(started),
            error: `${mapped.code}: ${mapped.message}`,
          },
          url,
        );
        throw mapped;
      }
      const response = wrapResponse(raw, { url, provider, secrets, limits }, (error) =>
        transportError(error, errorContext('body')),
      );
      log(
        {
          method: request.method,
          status: response.status,
          durationMs: elapsed(started),
          ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
        },
        url,
      );
      reportRateLimits(response.headers);
      return response;
    },
    async close() {
      closed = true;
      await release();
    },
  };
}

function acquireDispatcherFor(
  options: HttpClientOptions,
  headersTimeoutMs: number,
  bodyTimeoutMs: number,
): ReturnType<typeof acquireDispatcher> {
  try {
    return acquireDispatcher({
      proxy: options.proxy || undefined,
      headersTimeoutMs,
      bodyTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
    });
  } catch (error) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: options.provider,
      retryable: false,
      message: `The proxy configured for ${options.provider} (${redactUrl(String(options.proxy))}) is not a valid proxy URL: use http://host:port or https://host:port.`,
      cause: error,
    });
  }
}

function requestBody(request: HttpRequest): {
  headers: Record<string, string>;
  body: string | Uint8Array | AsyncIterable<Uint8Array> | undefined;
} {
  const headers = { ...request.headers };
  const body = request.body;
  if (!isMultipartBody(body)) return { headers, body };
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-type' || lower === 'content-length' || lower === 'transfer-encoding')
      delete headers[name];
  }
  headers['content-type'] = body.contentType;
  headers['content-length'] = String(body.contentLength);
  // An async iterable, not a Readable: undici then pulls the next chunk only once the socket has
  // taken the previous one, which is what lets file chunks reuse their buffers.
  return { headers, body: multipartUploadChunks(body) };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
