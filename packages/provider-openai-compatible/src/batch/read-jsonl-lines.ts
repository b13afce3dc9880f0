import { RetouchError } from '@retouch/core';

/**
 * The lines of a JSONL body as they arrive, one at a time: the file is never held whole, only the
 * line being read, and a line longer than `maxLineBytes` stops the read (a server that never
 * sends a newline cannot fill memory). Blank lines are skipped.
 */
export async function* readJsonlLines(
  body: ReadableStream<Uint8Array>,
  options: { maxLineBytes: number; provider: string },
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const take = (): string => {
    const whole = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return decoder.decode(whole);
  };
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let start = 0;
      for (let at = value.indexOf(10); at >= 0; at = value.indexOf(10, start)) {
        const piece = value.subarray(start, at);
        pendingBytes += piece.byteLength;
        if (pendingBytes > options.maxLineBytes) throw tooLong(options);
        pending.push(piece);
        const line = take();
        if (line.trim()) yield line;
        start = at + 1;
      }
      if (start < value.byteLength) {
        const rest = value.subarray(start);
        pendingBytes += rest.byteLength;
        if (pendingBytes > options.maxLineBytes) throw tooLong(options);
        // Copied: the stream may reuse its buffer for the next chunk.
        pending.push(Uint8Array.from(rest));
      }
    }
    if (pendingBytes > 0) {
      const line = take();
      if (line.trim()) yield line;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function tooLong(options: { maxLineBytes: number; provider: string }): RetouchError {
  return new RetouchError({
    code: 'invalid_response',
    provider: options.provider,
    message: `${options.provider}: a line of the batch's results is longer than ${options.maxLineBytes} bytes, so it was not read. Check that the base URL points at OpenAI's API.`,
  });
}
