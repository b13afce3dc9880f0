import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PartSpool } from './spool-parts.js';

const line = (id: number, size: number) =>
  JSON.stringify({ custom_id: `r${id}`, pad: 'x'.repeat(size) });

describe('PartSpool', () => {
  it('starts a new input file before one would pass the byte limit, and keeps each line whole', async () => {
    const spool = new PartSpool({ maxRequests: 100, maxFileBytes: 250 });
    for (let i = 0; i < 5; i++) await spool.add(line(i, 80), { key: `k${i}`, customId: `r${i}` });
    const parts = await spool.finish();
    try {
      expect(parts.map((part) => part.keys)).toEqual([['k0', 'k1'], ['k2', 'k3'], ['k4']]);
      for (const part of parts) {
        const text = await readFile(part.path, 'utf8');
        expect(Buffer.byteLength(text)).toBe(part.size);
        expect(part.size).toBeLessThanOrEqual(250);
        expect(
          text
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l).custom_id),
        ).toEqual(part.customIds);
      }
    } finally {
      await spool.discard();
    }
  });

  it('starts a new file at the request limit, and refuses a line bigger than a whole file', async () => {
    const spool = new PartSpool({ maxRequests: 2, maxFileBytes: 10_000 });
    for (let i = 0; i < 3; i++) await spool.add(line(i, 1), { key: `k${i}`, customId: `r${i}` });
    expect((await spool.finish()).map((part) => part.keys.length)).toEqual([2, 1]);
    await spool.discard();
    const tight = new PartSpool({ maxRequests: 2, maxFileBytes: 50 });
    await expect(tight.add(line(0, 100), { key: 'k', customId: 'r0' })).rejects.toThrow(
      /over the 50/,
    );
    await tight.discard();
  });
});
