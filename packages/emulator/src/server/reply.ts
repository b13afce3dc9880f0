/** What a route answers, before faults shape how it goes on the wire. */
export type Reply =
  | {
      kind: 'body';
      status: number;
      headers: Record<string, string>;
      body: Buffer;
    }
  | {
      kind: 'sse';
      status: number;
      headers: Record<string, string>;
      /** Complete frames (`event: …\ndata: …\n\n`). */
      events: AsyncIterable<string>;
    };

export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Reply {
  return {
    kind: 'body',
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

export function bytesReply(status: number, body: Buffer, contentType: string): Reply {
  return { kind: 'body', status, headers: { 'content-type': contentType }, body };
}

export function sseReply(
  events: AsyncIterable<string>,
  headers: Record<string, string> = {},
): Reply {
  return {
    kind: 'sse',
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    },
    events,
  };
}

export function sseFrame(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
}
