export interface ServerSentEvent {
  /** `message` unless the server named it. */
  event: string;
  data: string;
  /** The last event id the stream has set (it carries over to later events, as in EventSource). */
  id?: string;
  /** The reconnection time in ms the stream last asked for, if any. */
  retry?: number;
}

/**
 * Parses a text/event-stream body as the WHATWG HTML standard frames it: LF, CRLF or CR line
 * ends split anywhere across chunks, multi-line data, comments, a leading BOM, and a final event
 * with no blank line after it dropped. Stopping iteration early cancels the body.
 */
export async function* parseServerSentEvents(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  let buffer = '';
  // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
  let skipLeadingLineFeed = false;
  let data: string[] = [];
  let eventType = '';
  let lastEventId: string | undefined;
  let retry: number | undefined;

  function* processLines(text: string, final: boolean): Generator<ServerSentEvent> {
    buffer += text;
    let start = 0;
    if (skipLeadingLineFeed && buffer.length > 0) {
      if (buffer[0] === '\n') start = 1;
      skipLeadingLineFeed = false;
    }
    while (true) {
      const end = findLineEnd(buffer, start);
      if (end === -1) break;
      const line = buffer.slice(start, end);
      if (buffer[end] === '\r') {
        if (end + 1 < buffer.length) start = buffer[end + 1] === '\n' ? end + 2 : end + 1;
        else {
          start = end + 1;
          skipLeadingLineFeed = true;
        }
      } else start = end + 1;
      const event = processLine(line);
      if (event) yield event;
    }
    buffer = buffer.slice(start);
    // At end of stream an unterminated line is still a line, but an event without its blank line is not dispatched.
    if (final && buffer !== '') {
      processLine(buffer);
      buffer = '';
    }
  }

  function processLine(line: string): ServerSentEvent | undefined {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
    }
    return undefined;
  }

  function dispatch(): ServerSentEvent | undefined {
    const hasData = data.length > 0;
    const event: ServerSentEvent = { event: eventType || 'message', data: data.join('\n') };
    if (lastEventId !== undefined) event.id = lastEventId;
    if (retry !== undefined) event.retry = retry;
    data = [];
    eventType = '';
    return hasData ? event : undefined;
  }

  for await (const chunk of iterate(body)) {
    yield* processLines(decoder.decode(chunk, { stream: true }), false);
  }
  yield* processLines(decoder.decode(), true);
}

function findLineEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 10 || char === 13) return index;
  }
  return -1;
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
