import type { ServerResponse } from 'node:http';
import type { FaultRule } from '../faults/fault-rule.js';
import type { Reply } from './reply.js';

const MALFORMED = '{"created": 1700000000, "data": [{"b64_json": "iVBORw0KGgo';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function faultHeaders(fault: FaultRule | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fault?.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault?.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  if (fault?.contentType !== undefined) headers['content-type'] = fault.contentType;
  return headers;
}

function cut(res: ServerResponse, chunk: Buffer | string): void {
  res.write(chunk, () => res.socket?.destroy());
}

/** Writes a reply, shaped by the fault (headers, malformed or truncated body, slow events). */
export async function sendReply(
  res: ServerResponse,
  reply: Reply,
  fault: FaultRule | undefined,
): Promise<void> {
  if (res.destroyed || res.headersSent) return;
  const headers = { ...reply.headers, ...faultHeaders(fault) };
  if (reply.kind === 'body') {
    const body = fault?.malformedJson ? Buffer.from(MALFORMED) : reply.body;
    res.writeHead(reply.status, { ...headers, 'content-length': String(body.length) });
    if (fault?.truncate) cut(res, body.subarray(0, Math.floor(body.length / 2)));
    else res.end(res.req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(reply.status, headers);
  res.flushHeaders();
  let closed = false;
  const iterator = reply.events[Symbol.asyncIterator]();
  res.on('close', () => {
    closed = true;
    void iterator.return?.();
  });
  let index = 0;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done || closed) break;
      if (fault?.slowStreamMs && index > 0) await sleep(fault.slowStreamMs);
      if (closed) break;
      let frame = next.value;
      if (fault?.malformedJson && index === 0) frame = `data: ${MALFORMED}\n\n`;
      if (fault?.truncate && index > 0) {
        cut(res, frame.slice(0, Math.floor(frame.length / 2)));
        return;
      }
      res.write(frame);
      index += 1;
    }
  } finally {
    await iterator.return?.();
  }
  if (!closed) res.end();
}
