import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestPng, hostile, startHostileServer, tokenBucket } from '@retouch/core/testing';
import OpenAI, { toFile } from 'openai';
import type { BenchImages } from '../bench-images.js';
import { benchApiKey } from '../bench-key.js';
import type { ResultRow } from '../results-table.js';
import { spread } from '../stats.js';
import { alternate, plan } from './bench-plan.js';

const require = createRequire(import.meta.url);
const cliBin = join(dirname(require.resolve('@retouch/cli/package.json')), 'dist', 'bin.js');

export const storm = { edits: 40, concurrency: 8, perSecond: 5, burst: 5, retryAfterS: 1 };

interface StormRun {
  completed: number;
  /** First request to last answered edit, on the server's clock. */
  spanMs: number;
  limited: number;
}

/** A fresh bucket per run, so no run inherits another's debt. */
async function withBucket(run: (baseURL: string) => Promise<number>): Promise<StormRun> {
  const server = await startHostileServer();
  const answer = Buffer.from(createTestPng(16, 16)).toString('base64');
  const bucket = tokenBucket({
    perSecond: storm.perSecond,
    burst: storm.burst,
    retryAfterSeconds: storm.retryAfterS,
    answer: hostile.json(200, { created: 1, data: [{ b64_json: answer }] }),
  });
  server.route('POST', '/v1/images/edits', bucket);
  try {
    const completed = await run(`${server.origin}/v1`);
    const { firstAt, lastAnsweredAt, limited } = bucket.stats;
    return { completed, spanMs: (lastAnsweredAt ?? 0) - (firstAt ?? 0), limited };
  } finally {
    await server.close();
  }
}

/** Ours: the built CLI, `edit --each` over the images at concurrency 8, as a user runs it. */
function ours(small: string) {
  return withBucket(async (baseURL) => {
    const dir = mkdtempSync(join(tmpdir(), 'retouch-bench-storm-'));
    try {
      for (let i = 0; i < storm.edits; i++) copyFileSync(small, join(dir, `s${i}.png`));
      mkdirSync(join(dir, 'out'));
      const stdout = await new Promise<string>((resolve) => {
        execFile(
          process.execPath,
          [cliBin, 'edit', '*.png', '--each', '--concurrency', String(storm.concurrency)].concat([
            '--prompt',
            'tint',
            '--out',
            'out',
            '--json',
          ]),
          {
            cwd: dir,
            env: {
              PATH: process.env.PATH ?? '',
              HOME: dir,
              XDG_CONFIG_HOME: join(dir, '.no-config'),
              RETOUCH_BASE_URL: baseURL,
              OPENAI_API_KEY: benchApiKey,
            },
            maxBuffer: 64 * 1024 * 1024,
          },
          // A failed batch still prints its summary (and exits 4): its completions count.
          (_error, out) => resolve(out),
        );
      });
      const done = (JSON.parse(stdout) as { counts?: { done?: number } }).counts?.done;
      return done ?? 0;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Theirs: the official SDK with its default retries, in a naive pool of 8 workers. */
function theirs(small: string) {
  return withBucket(async (baseURL) => {
    const client = new OpenAI({ apiKey: benchApiKey, baseURL });
    const bytes = readFileSync(small);
    let next = 0;
    let completed = 0;
    const worker = async () => {
      while (next < storm.edits) {
        const index = next++;
        try {
          const image = await toFile(bytes, `s${index}.png`, { type: 'image/png' });
          const response = await client.images.edit({
            model: 'gpt-image-1',
            image,
            prompt: 'tint',
          });
          if (response.data?.[0]?.b64_json) completed += 1;
        } catch {
          // Out of retries: this edit is lost, as it would be for the user.
        }
      }
    };
    await Promise.all(Array.from({ length: storm.concurrency }, worker));
    return completed;
  });
}

/**
 * Measurement 8: a rate-limit storm. An OpenAI-style token bucket (5 requests/s, burst 5; 429 with
 * `Retry-After: 1` and `x-ratelimit-*` on every answer); 40 edits at concurrency 8. Ours is the
 * CLI's `--each`, theirs the official SDK (default retries) in a naive pool of 8.
 */
export async function measureRateLimitStorm(images: BenchImages) {
  const bySide = await alternate(plan.eachRuns, ['ours', 'theirs'], (side) =>
    side === 'ours' ? ours(images.small) : theirs(images.small),
  );
  const figure = (side: string, pick: (run: StormRun) => number) =>
    spread(bySide.get(side)!.map(pick));
  const floorS = Math.max(0, storm.edits - storm.burst) / storm.perSecond;
  const what = `rate-limit storm (token bucket ${storm.perSecond}/s, burst ${storm.burst}, 429 + Retry-After: ${storm.retryAfterS} + x-ratelimit-*), ${storm.edits} edits at concurrency ${storm.concurrency}`;
  const theirsName = 'openai SDK, pool of 8';
  const completions = figure('ours', (run) => run.completed);
  const time = figure('ours', (run) => run.spanMs / 1000);
  const limited = figure('ours', (run) => run.limited);
  const rows: ResultRow[] = [
    {
      id: '10a',
      measurement: `${what}: edits completed`,
      unit: `of ${storm.edits}`,
      ours: completions,
      theirs: figure('theirs', (run) => run.completed),
      theirsName,
      target: `${storm.edits} of ${storm.edits}`,
      met: completions.min === storm.edits,
    },
    {
      id: '10b',
      measurement: `${what}: first request to last answer (the bucket's floor is ${floorS} s)`,
      unit: 's',
      ours: time,
      theirs: figure('theirs', (run) => run.spanMs / 1000),
      theirsName,
      target: `≤ 1.15 × ${floorS} s`,
      met: time.median <= floorS * 1.15,
    },
    {
      id: '10c',
      measurement: `${what}: 429 answers`,
      unit: '',
      ours: limited,
      theirs: figure('theirs', (run) => run.limited),
      theirsName,
      target: `< ${storm.edits / 4} (a quarter of the edits)`,
      met: limited.median < storm.edits / 4,
    },
  ];
  return { rows, raw: Object.fromEntries(bySide) };
}
