import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from './__fixtures__/loopback-server.js';
import { createHttpClient } from './http-client.js';
import { parseServerSentEvents, type ServerSentEvent } from './server-sent-events.js';

const encoder = new TextEncoder();

async function* byteByByte(text: string): AsyncGenerator<Uint8Array> {
  for (const byte of encoder.encode(text)) yield new Uint8Array([byte]);
}

async function* whole(text: string): AsyncGenerator<Uint8Array> {
  yield encoder.encode(text);
}

async function collect(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of parseServerSentEvents(source)) events.push(event);
  return events;
}

/** Every framing test runs twice: in one chunk and split at every byte boundary. */
async function parseBothWays(text: string): Promise<ServerSentEvent[]> {
  const [oneChunk, bytewise] = await Promise.all([collect(whole(text)), collect(byteByByte(text))]);
  expect(bytewise).toEqual(oneChunk);
  return oneChunk;
}

describe('parseServerSentEvents', () => {
  it('parses named events, multi-line data and the default event type', async () => {
    const events = await parseBothWays(
      'event: image_edit.partial_image\ndata: {"a":1,\ndata: "b":2}\n\ndata: plain\n\n',
    );
    expect(events).toEqual([
      { event: 'image_edit.partial_image', data: '{"a":1,\n"b":2}' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('accepts CRLF, CR and LF line ends, mixed', async () => {
    const events = await parseBothWays(
      'data: one\r\n\r\ndata: two\r\rdata: three\n\ndata: four\r\n\n',
    );
    expect(events.map((event) => event.data)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('ignores comments and unknown fields, and strips only one leading space', async () => {
    const events = await parseBothWays(
      ': keep-alive\n:\nfoo: bar\ndata:  two spaces\ndata:none\ndata\n\n',
    );
    expect(events).toEqual([{ event: 'message', data: ' two spaces\nnone\n' }]);
  });

  it('carries id and retry over to later events, and ignores an id with NUL or a non-numeric retry', async () => {
    const events = await parseBothWays(
      'retry: 3000\nid: 7\ndata: a\n\ndata: b\n\nid: bad\0id\nretry: soon\ndata: c\n\nid\ndata: d\n\n',
    );
    expect(events).toEqual([
      { event: 'message', data: 'a', id: '7', retry: 3000 },
      { event: 'message', data: 'b', id: '7', retry: 3000 },
      { event: 'message', data: 'c', id: '7', retry: 3000 },
      { event: 'message', data: 'd', id: '', retry: 3000 },
    ]);
  });

  it('does not dispatch an event with no data, and resets the event type after it', async () => {
    const events = await parseBothWays('event: ping\n\ndata: after\n\n');
    expect(events).toEqual([{ event: 'message', data: 'after' }]);
  });

  it('drops a final event that has no blank line after it', async () => {
    expect(await parseBothWays('data: complete\n\ndata: cut off')).toEqual([
      { event: 'message', data: 'complete' },
    ]);
    expect(await parseBothWays('data: cut off\n')).toEqual([]);
  });

  it('strips a leading BOM and decodes multi-byte characters split across chunks', async () => {
    const events = await parseBothWays('\uFEFFdata: café ✨ 画像\n\n');
    expect(events).toEqual([{ event: 'message', data: 'café ✨ 画像' }]);
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('data: tick\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of parseServerSentEvents(stream)) {
      expect(event.data).toBe('tick');
      break;
    }
    expect(cancelled).toBe(true);
  });

  describe('over real HTTP', () => {
    let server: LoopbackServer;
    const client = createHttpClient({ provider: 'acme' });

    beforeAll(async () => {
      server = await startLoopbackServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const pieces = [
          'event: status\r\nda',
          'ta: {"status":"IN_QUEUE",',
          '"queue_position":2}\r',
          '\n\r\n',
          'data: done\n\n',
        ];
        let index = 0;
        const timer = setInterval(() => {
          const piece = pieces[index++];
          if (piece === undefined) {
            clearInterval(timer);
            response.end();
          } else response.write(piece);
        }, 5);
      });
    });

    afterAll(async () => {
      await client.close();
      await server.close();
    });

    it('parses a response body that arrives in pieces', async () => {
      const response = await client.request({ method: 'GET', url: server.url('/status/stream') });
      expect(await collect(response.body)).toEqual([
        { event: 'status', data: '{"status":"IN_QUEUE","queue_position":2}' },
        { event: 'message', data: 'done' },
      ]);
    });
  });
});
