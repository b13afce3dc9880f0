import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestPng,
  type HostileServer,
  hostile,
  startHostileServer,
  tokenBucket,
} from '@retouch/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSolidPng } from '../test-support/images.js';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

const key = 'sk-test-storm-7c1e40';
const count = 40;

let server: HostileServer;
let dir: string;
beforeAll(async () => {
  server = await startHostileServer();
  dir = await mkdtemp(join(tmpdir(), 'retouch-storm-'));
  for (let i = 0; i < count; i++) {
    await writeSolidPng(join(dir, `s${String(i).padStart(2, '0')}.png`), [i * 6, 80, 160], 16);
  }
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('edit --each against a rate-limit storm (token bucket: 5/s, burst 5)', () => {
  it('finishes 40 of 40 at concurrency 8 near the bucket floor, with few 429s', async () => {
    const answer = Buffer.from(createTestPng(16, 16)).toString('base64');
    const bucket = tokenBucket({
      perSecond: 5,
      burst: 5,
      retryAfterSeconds: 1,
      answer: hostile.json(200, { created: 1, data: [{ b64_json: answer }] }),
    });
    server.route('POST', '/v1/images/edits', bucket);
    const run = await runCli(
      ['edit', '*.png', '--each', '--concurrency', '8', '--prompt', 'invert', '--out', 'out'],
      { cwd: dir, env: { RETOUCH_BASE_URL: `${server.origin}/v1`, OPENAI_API_KEY: key } },
    );
    expect(run.code, run.stderr).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.counts).toMatchObject({ total: count, done: count, failed: 0 });
    expect((await readdir(join(dir, 'out'))).filter((name) => name.endsWith('.png'))).toHaveLength(
      count,
    );
    const requests = bucket.stats.admitted + bucket.stats.limited;
    // Paced from the headers: fewer 429s than a quarter of the requests, not more retries.
    expect(bucket.stats.limited).toBeLessThan(requests / 4);
    // From the first request to the last answer, within 1.15× the least the bucket allows.
    const spanMs = bucket.stats.lastAnsweredAt! - bucket.stats.firstAt!;
    const floorMs = bucket.floorMs(count);
    console.info(
      `storm: ${bucket.stats.admitted} admitted, ${bucket.stats.limited} × 429, ${Math.round(spanMs)} ms (floor ${floorMs} ms), CLI batch ${Math.round(out.elapsedMs ?? 0)} ms`,
    );
    expect(spanMs).toBeLessThanOrEqual(floorMs * 1.15);
  }, 60_000);
});
