import { StringDecoder } from 'node:string_decoder';
import { createParser } from 'eventsource-parser';
import type { RetouchError } from '../errors/retouch-error.js';
import { defaultResponseLimits, resolveLimit, responseTooLargeError } from './response-limits.js';

export interface ServerSentEvent {
  /** `message` unless the server named it. */
  event: string;
  data: string;
  /** The last event id the stream has set (it carries over to later events, as in EventSource). */
  id?: string;
  /** The reconnection time in ms the stream last asked for, if any. */
  retry?: number;
}

export interface ServerSentEventOptions {
  /**
   * Largest event, counted in characters of its data plus any line still unfinished. Default:
   * one answer carrying one image (`ResponseLimits.imageBytes + documentBytes`, 56 MiB).
   */
  maxEventBytes?: number;
  /** Names the server in the error an oversized event ends with. */
  provider?: string;
}

const defaultMaxEventBytes = resolveLimit(defaultResponseLimits, { images: 1 }).maxBytes;

/**
 * Parses a text/event-stream body as the WHATWG HTML standard frames it (LF, CRLF or CR line ends
 * split anywhere across chunks, multi-line data, comments, a leading BOM; a final event with no
 * blank line after it is dropped), in time linear in the body. An event larger than
 * `maxEventBytes` (a data line that never ends, say) ends the stream with an `invalid_response`
 * error as soon as it crosses the limit. Stopping iteration early cancels the body.
 */
export function parseServerSentEvents(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: ServerSentEventOptions = {},
): AsyncGenerator<ServerSentEvent> {
  const maxEventBytes = options.maxEventBytes ?? defaultMaxEventBytes;
  return readServerSentEvents(body, {
    maxEventBytes,
    tooLarge: () =>
      responseTooLargeError({
        provider: options.provider ?? 'The server',
        what: 'one server-sent event',
        limit: {
          maxBytes: maxEventBytes,
          explanation:
            options.maxEventBytes === undefined
              ? resolveLimit(defaultResponseLimits, { images: 1 }).explanation
              : 'the limit for one event',
        },
      }),
  });
}

/** The parser behind `parseServerSentEvents()` and `HttpResponse.events()`. */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: { maxEventBytes: number; tooLarge: () => RetouchError },
): AsyncGenerator<ServerSentEvent> {
  let ready: ServerSentEvent[] = [];
  let failure: RetouchError | undefined;
  let lastEventId: string | undefined;
  let retry: number | undefined;
  const parser = createParser({
    onEvent(message) {
      if (message.id !== undefined) lastEventId = message.id;
      const event: ServerSentEvent = { event: message.event ?? 'message', data: message.data };
      if (lastEventId !== undefined) event.id = lastEventId;
      if (retry !== undefined) event.retry = retry;
      ready.push(event);
    },
    onRetry(ms) {
      retry = ms;
    },
    onError(error) {
      // Invalid `retry` values and unknown fields are ignored, as the standard says.
      if (error.type === 'max-buffer-size-exceeded') failure ??= options.tooLarge();
    },
    maxBufferSize: options.maxEventBytes,
  });
  // StringDecoder keeps a character split across chunks whole and, unlike a streaming
  // TextDecoder, turns ASCII (all of base64) into compact strings fast: half the cost of a big event.
  const decoder = new StringDecoder('utf8');
  let first = true;

  function* drain(): Generator<ServerSentEvent> {
    if (failure) throw failure;
    const events = ready;
    ready = [];
    yield* events;
  }

  for await (const chunk of iterate(body)) {
    let text = decoder.write(
      Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
    if (first && text !== '') {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    parser.feed(text);
    yield* drain();
  }
  const rest = decoder.end();
  if (rest !== '') parser.feed(rest);
  yield* drain();
}

async function* iterate(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  if (!('getReader' in body)) {
    yield* body;
    return;
  }
  const reader = body.getReader();
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // The consumer stopped early (or an error was thrown): release the connection.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
