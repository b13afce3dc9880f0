import { isRetouchError } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { readJsonlLines } from './read-jsonl-lines.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function lines(chunks: string[], maxLineBytes = 1000) {
  const out: string[] = [];
  for await (const line of readJsonlLines(streamOf(chunks), { maxLineBytes, provider: 'p' }))
    out.push(line);
  return out;
}

describe('readJsonlLines', () => {
  it('yields whole lines however the chunks fall, skipping blank ones and keeping UTF-8 intact', async () => {
    const text = '{"a":1}\n\n{"b":"é✓"}\r\n{"c":3}';
    // One byte per chunk: the splits fall inside the multi-byte characters too.
    const encoded = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of encoded) controller.enqueue(Uint8Array.of(byte));
        controller.close();
      },
    });
    const out: string[] = [];
    for await (const line of readJsonlLines(stream, { maxLineBytes: 100, provider: 'p' }))
      out.push(line);
    expect(out.map((line) => JSON.parse(line))).toEqual([{ a: 1 }, { b: 'é✓' }, { c: 3 }]);
    expect(await lines(['{"x":1}\n{"y"', ':2}\n'])).toEqual(['{"x":1}', '{"y":2}']);
  });

  it('stops at a line longer than the limit, with an error that says so', async () => {
    const error = await lines(['{"ok":1}\n', 'x'.repeat(600), 'x'.repeat(600), '\n'], 1000).catch(
      (e: unknown) => e,
    );
    expect(isRetouchError(error) && error.code).toBe('invalid_response');
    expect(String((error as Error).message)).toMatch(/longer than 1000 bytes/);
  });
});
