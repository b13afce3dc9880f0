import { watch } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSolidPng } from '../test-support/images.js';
import { parseJsonOutput, spawnCli } from '../test-support/run-cli.js';

const key = 'sk-test-crash-5e0d1a';
const inputs = Array.from({ length: 10 }, (_, i) => `p${String(i + 1).padStart(2, '0')}.png`);
const trials = 6;

/** mulberry32: a seeded generator, so a failing trial can be replayed exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {}, workers: 4, jobDurationMs: 150 });
});
afterAll(() => emulator.close());

describe('edit --each killed with SIGKILL at random moments, then run again until done', () => {
  it('ends with exactly one result per input, no temporary file, each job submitted (and billed) once', async () => {
    const random = seeded(20261207);
    for (let trial = 0; trial < trials; trial++) {
      emulator.reset();
      const dir = await mkdtemp(join(tmpdir(), 'retouch-crash-'));
      try {
        for (const [i, name] of inputs.entries()) {
          await writeSolidPng(join(dir, name), [20 * i, 120, 255 - 20 * i], 64);
        }
        // The emulator dedupes submits by this header (fal documents none, so it is opt-in).
        await writeFile(
          join(dir, 'retouch.config.json'),
          JSON.stringify({ providers: { queue: { idempotencyHeader: 'Idempotency-Key' } } }),
        );
        const args = ['edit', ...inputs, '--each', '--provider', 'queue', '--prompt', 'invert'];
        const options = {
          cwd: dir,
          env: { RETOUCH_BASE_URL: `${emulator.url}/v1/queue`, FAL_KEY: key },
        };
        const kills = 1 + Math.floor(random() * 3);
        for (let kill = 0; kill < kills; kill++) {
          const child = spawnCli(args, options);
          const killNow = () => child.kill('SIGKILL');
          // Half the kills come at a random time; half on a random file-system event in the
          // folder (a temporary file created, a result renamed into place, the journal
          // replaced), which is when a crash can leave a result that no journal knows of.
          const onEvent = random() < 0.5;
          const afterMs = 250 + Math.floor(random() * 2000);
          const afterEvents = 1 + Math.floor(random() * 3 * inputs.length);
          let events = 0;
          const watcher = onEvent
            ? watch(dir, () => {
                events += 1;
                if (events === afterEvents) killNow();
              })
            : undefined;
          const timer = setTimeout(killNow, onEvent ? 10_000 : afterMs);
          await child.done;
          clearTimeout(timer);
          watcher?.close();
        }
        // A kill may land after the last result: the rerun then has nothing left to do.
        const final = await spawnCli(args, options).done;
        expect(final.code, `trial ${trial}: ${final.stderr}`).toBe(0);
        expect(parseJsonOutput(final.stdout)).toMatchObject({
          ok: true,
          counts: { total: inputs.length, done: inputs.length, failed: 0 },
        });

        const names = await readdir(dir);
        expect(
          names.filter((name) => name.endsWith('.tmp')),
          `trial ${trial}`,
        ).toEqual([]);
        for (const input of inputs) {
          const stem = input.replace('.png', '');
          const results = names.filter((name) => name.startsWith(`${stem}.retouch-`));
          expect(results, `trial ${trial}: ${input}`).toHaveLength(1);
          const found = await readOutputRecord(nodeOutputFileSystem, join(dir, results[0]!));
          expect(found?.record.batch?.item).toBe(input);
        }
        // The emulator dedupes submits by Idempotency-Key: a rerun that submitted an item again
        // (its first answer lost to the kill) got the same job back, so every input was one job.
        expect(emulator.jobs.size, `trial ${trial}`).toBe(inputs.length);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }, 240_000);
});
