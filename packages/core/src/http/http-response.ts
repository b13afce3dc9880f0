import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { isRetouchError, RetouchError } from '../errors/retouch-error.js';
import { sanitizeServerText } from '../text/sanitize-server-text.js';
import { redactSecrets } from './redact.js';
import {
  type ReadLimitOptions,
  type ResponseLimits,
  resolveLimit,
  responseTooLargeError,
} from './response-limits.js';
import { readServerSentEvents, type ServerSentEvent } from './server-sent-events.js';

export interface HttpResponse {
  status: number;
  ok: boolean;
  url: string;
  headers: Headers;
  /** From x-request-id, request-id or x-fal-request-id. */
  requestId: string | undefined;
  /**
   * The whole body, capped: refused from `Content-Length` before reading when the server declares
   * more than the limit, otherwise as soon as the limit is crossed (`invalid_response`). Without
   * options the answer may carry one image; pass `{ images: n }` for an edit answer, `{ images: 0 }`
   * for a document such as a queue status.
   */
  text(options?: ReadLimitOptions): Promise<string>;
  /** As `text()`; bad JSON becomes an `invalid_response` error quoting the start of the body. */
  json(options?: ReadLimitOptions): Promise<unknown>;
  bytes(options?: ReadLimitOptions): Promise<Uint8Array>;
  /**
   * The body as server-sent events, each event capped as one answer (by default one carrying one
   * image; `{ images: 0 }` for a status stream). Stopping early releases the connection.
   */
  events(options?: ReadLimitOptions): AsyncGenerator<ServerSentEvent>;
  /** The raw body, uncapped: the reader bounds it. Read it, or one of the readers above, once. */
  body: ReadableStream<Uint8Array>;
}

const requestIdHeaders = ['x-request-id', 'request-id', 'x-fal-request-id', 'apim-request-id'];

export interface ResponseContext {
  url: string;
  provider: string;
  secrets: readonly string[];
  limits: ResponseLimits;
}

/**
 * An undici response as an `HttpResponse`: its body read once, capped by `limits`, with transport
 * failures while reading mapped by `mapError`.
 */
export function wrapResponse(
  raw: Dispatcher.ResponseData,
  context: ResponseContext,
  mapError: (error: unknown) => RetouchError,
): HttpResponse {
  const { url, provider, secrets, limits } = context;
  // Errors surface when the body is read; an abort or a reset while nobody reads must not crash the process.
  raw.body.on('error', () => {});
  const headers = toHeaders(raw.headers);
  const requestId =
    requestIdHeaders.map((name) => headers.get(name)).find((value) => value) ?? undefined;
  const status = raw.statusCode;
  let used = false;
  const claimBody = (): void => {
    if (used) throw new TypeError('The response body has already been read.');
    used = true;
  };
  const tooLarge = (options: ReadLimitOptions | undefined, what: string, declared = false) =>
    responseTooLargeError({
      provider,
      what,
      limit: resolveLimit(limits, options),
      status,
      requestId,
      declared,
    });

  async function bytes(options?: ReadLimitOptions): Promise<Uint8Array> {
    claimBody();
    const { maxBytes } = resolveLimit(limits, options);
    const what = options?.error ? 'an error answer' : 'an answer';
    const declared = Number(headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      raw.body.destroy();
      throw tooLarge(options, what, true);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of raw.body) {
        total += (chunk as Buffer).byteLength;
        // Checked per chunk, before keeping it: a body that never ends costs at most the limit.
        if (total > maxBytes) throw tooLarge(options, what);
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      raw.body.destroy();
      throw isRetouchError(error) ? error : mapError(error);
    }
    return Buffer.concat(chunks, total);
  }

  async function text(options?: ReadLimitOptions): Promise<string> {
    const content = await bytes(options);
    try {
      return new TextDecoder().decode(content);
    } catch (error) {
      // Only possible with limits raised past what a JavaScript string can hold.
      throw new RetouchError({
        code: 'invalid_response',
        retryable: false,
        provider,
        status,
        requestId,
        message: `${provider} sent an answer of ${content.byteLength} bytes, more than Node can hold as text. Lower the provider's responseLimits so such answers are refused early.`,
        cause: error,
      });
    }
  }

  let body: ReadableStream<Uint8Array> | undefined;
  const response: HttpResponse = {
    status,
    ok: status >= 200 && status < 300,
    url,
    headers,
    requestId,
    bytes,
    text,
    async json(options) {
      const content = await text(options);
      try {
        return JSON.parse(content) as unknown;
      } catch {
        const excerpt = sanitizeServerText(redactSecrets(content.slice(0, 200), secrets), {
          singleLine: true,
        });
        throw new RetouchError({
          code: 'invalid_response',
          provider,
          status,
          requestId,
          retryable: false,
          message: `${provider} sent a response that is not valid JSON (HTTP ${status}): "${excerpt}${content.length > 200 ? '…' : ''}". Check that the base URL points at the API itself, not a web page or a proxy.`,
        });
      }
    },
    events(options) {
      const { maxBytes } = resolveLimit(limits, options);
      claimBody();
      // Straight from the socket's stream rather than through `body`'s web stream: a large
      // event arrives in hundreds of chunks, and each web-stream read costs a promise round trip.
      return readServerSentEvents(nodeChunks(raw.body, mapError), {
        maxEventBytes: maxBytes,
        tooLarge: () => tooLarge(options, 'one server-sent event'),
      });
    },
    get body() {
      if (body === undefined) {
        claimBody();
        body = toWebStream(raw.body, mapError);
      }
      return body;
    },
  };
  return response;
}

async function* nodeChunks(
  source: Readable,
  mapError: (error: unknown) => RetouchError,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of source) yield chunk as Buffer;
  } catch (error) {
    throw isRetouchError(error) ? error : mapError(error);
  } finally {
    // Stopped early (a cap, or the caller had enough): release the connection.
    if (!source.readableEnded) source.destroy();
  }
}

function toWebStream(
  source: Readable,
  mapError: (error: unknown) => RetouchError,
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(mapError(error));
      }
    },
    cancel() {
      source.destroy();
    },
  });
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}
