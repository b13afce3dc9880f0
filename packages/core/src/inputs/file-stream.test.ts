import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStream } from './file-stream.js';

describe('createFileStream', () => {
  let dir: string;
  let path: string;
  const content = randomBytes(200_000);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retouch-file-stream-'));
    path = join(dir, 'input.bin');
    await writeFile(path, content);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('yields the exact file bytes in bounded chunks', async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of createFileStream(path, 64 * 1024)) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.byteLength <= 64 * 1024)).toBe(true);
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
  });

  it('gives a fresh, complete stream on every call so a body can be replayed', async () => {
    const read = async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of createFileStream(path)) chunks.push(chunk);
      return Buffer.concat(chunks);
    };
    const [first, second] = await Promise.all([read(), read()]);
    expect(first.equals(content)).toBe(true);
    expect(second.equals(content)).toBe(true);
  });

  it('reports a missing file as a stream error', async () => {
    const reader = createFileStream(join(dir, 'missing.bin')).getReader();
    await expect(reader.read()).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops reading when the consumer cancels', async () => {
    const reader = createFileStream(path, 1024).getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBe(1024);
    await reader.cancel();
    await expect(reader.read()).resolves.toMatchObject({ done: true });
  });
});
