import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Emulator, type FaultRule, startEmulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir } from '../test-support/images.js';
import { parseJsonOutput, runCli, spawnCli } from '../test-support/run-cli.js';

const key = 'sk-test-cli-exit-4e8b2a6c';

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await createWorkDir();
});
afterEach(async () => {
  emulator.reset();
  await rm(dir, { recursive: true, force: true });
});

const openaiEnv = () => ({ RETOUCH_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: key });

/** Runs one edit and returns its exit code and the JSON error it printed on stderr. */
async function editFailing(extraArgs: string[] = [], env: Record<string, string> = openaiEnv()) {
  const run = await runCli(['edit', 'photo.png', '--prompt', 'sepia', ...extraArgs], {
    cwd: dir,
    env,
  });
  expect(run.stdout).toBe('');
  const { error } = parseJsonOutput(run.stderr);
  expect(error.exitCode).toBe(run.code);
  expect(error.message.length).toBeGreaterThan(20);
  expect(run.stderr).not.toContain(key);
  // A failed edit leaves nothing behind: no result, no placeholder, no temp file.
  expect((await readdir(dir)).sort()).toEqual(['mask.png', 'photo.png']);
  return { code: run.code, error };
}

const retryFast = { retryAfterMs: 10 } satisfies Partial<FaultRule>;

describe('exit codes (built CLI against the emulator)', () => {
  it('2 for invalid input: a missing prompt, a missing file, an option the model lacks', async () => {
    expect((await editFailing(['--prompt', ''])).code).toBe(2);
    const missing = await runCli(['edit', 'nope.png', '--prompt', 'x'], {
      cwd: dir,
      env: openaiEnv(),
    });
    expect(missing.code).toBe(2);
    expect(parseJsonOutput(missing.stderr).error.code).toBe('invalid_request');
    const badSize = await editFailing(['--model', 'dall-e-2', '--size', '1536x1024']);
    expect(badSize).toMatchObject({ code: 2, error: { code: 'invalid_request' } });
    expect(emulator.requests).toHaveLength(0); // all refused before any network I/O
  });

  it('3 for a key the server rejects, saying which variable to fix', async () => {
    const { code, error } = await editFailing([], {
      ...openaiEnv(),
      OPENAI_API_KEY: 'sk-wrong-key-123',
    });
    expect(code).toBe(3);
    expect(error.code).toBe('authentication');
    expect(error.hint).toMatch(/OPENAI_API_KEY/);
  });

  it("3 for no key at all on the provider's own endpoint, before any image is uploaded", async () => {
    // No base URL of the user's own: the edit would go to OpenAI itself, which needs a key.
    const { code, error } = await editFailing([], {});
    expect(code).toBe(3);
    expect(error).toMatchObject({ code: 'authentication' });
    expect(error.message).toMatch(/needs an API key, and none is set\. Nothing was sent\./);
    expect(error.hint).toMatch(/OPENAI_API_KEY/);
    // A dry run sends nothing, so it needs no key.
    const dry = await runCli(['edit', 'photo.png', '--prompt', 'sepia', '--dry-run'], {
      cwd: dir,
      env: {},
    });
    expect(dry.code).toBe(0);
    // A server of the user's own (a gateway may take no key) is asked, and refuses here.
    const own = await editFailing([], { RETOUCH_BASE_URL: `${emulator.url}/v1` });
    expect(own.code).toBe(3);
    expect(emulator.requests).toHaveLength(1);
  });

  it('4 for rate limiting that outlasts the retries', async () => {
    emulator.setFaults([{ route: 'images.edits', status: 429, ...retryFast }]);
    // 429s are waited out while the run's time allows: --timeout bounds it.
    const { code, error } = await editFailing(['--timeout', '2s']);
    expect(code).toBe(4);
    expect(error.code).toBe('rate_limited');
    // The engine retried before giving up.
    expect(emulator.requests.filter((r) => r.route === 'images.edits').length).toBeGreaterThan(1);
  });

  it('5 for a content policy refusal', async () => {
    emulator.setFaults([
      {
        route: 'images.edits',
        status: 400,
        body: {
          error: {
            message: 'Your request was rejected by the safety system.',
            type: 'image_generation_user_error',
            code: 'moderation_blocked',
            param: null,
          },
        },
      },
    ]);
    const { code, error } = await editFailing();
    expect(code).toBe(5);
    expect(error.code).toBe('content_policy');
  });

  it('6 for a connection that keeps dropping', async () => {
    emulator.setFaults([{ route: 'images.edits', drop: true }]);
    const { code, error } = await editFailing();
    expect(code).toBe(6);
    expect(error.code).toBe('network');
  });

  it('6 for a timeout', async () => {
    emulator.setFaults([{ route: 'images.edits', delayMs: 5_000 }]);
    const { code, error } = await editFailing(['--timeout', '300ms']);
    expect(code).toBe(6);
    expect(error.code).toBe('timeout');
  });

  it('7 for a server error that outlasts the retries', async () => {
    emulator.setFaults([{ route: 'images.edits', status: 500, ...retryFast }]);
    const { code, error } = await editFailing();
    expect(code).toBe(7);
    expect(error.code).toBe('server');
  });

  it('130 for Ctrl-C, after cancelling the queued job on the server', async () => {
    // One worker, held by a slow job, so the CLI's job really waits in the queue.
    const queue = await startEmulator({
      apiKey: key,
      workers: 1,
      jobDurationMs: 60_000,
      log: () => {},
    });
    try {
      const blocker = await fetch(`${queue.url}/v1/queue/gpt_image_1_edit`, {
        method: 'POST',
        headers: { authorization: `Key ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          prompt: 'hold the worker',
          images: [
            `data:image/png;base64,${(await readFile(join(dir, 'photo.png'))).toString('base64')}`,
          ],
        }),
      });
      expect(blocker.status).toBe(200);

      const child = spawnCli(['edit', 'photo.png', '--prompt', 'sepia', '--provider', 'queue'], {
        cwd: dir,
        env: { RETOUCH_BASE_URL: `${queue.url}/v1/queue`, FAL_KEY: key },
      });
      const queued = () => [...queue.jobs.values()].find((job) => job.status === 'IN_QUEUE');
      await expect.poll(queued, { timeout: 10_000, interval: 50 }).toBeTruthy();
      await expect
        .poll(() => queue.requests.some((r) => r.route.startsWith('queue.status')), {
          timeout: 10_000,
          interval: 50,
        })
        .toBe(true);
      child.kill('SIGINT');
      const run = await child.done;

      expect(run.code).toBe(130);
      expect(parseJsonOutput(run.stderr).error.code).toBe('cancelled');
      expect(queue.requests.some((r) => r.route === 'queue.cancel' && r.method === 'PUT')).toBe(
        true,
      );
      expect(queued()).toBeUndefined();
      const jobs = [...queue.jobs.values()];
      expect(
        jobs.map((job) => [
          job.input === undefined ? '' : (job.input as { prompt: string }).prompt,
          job.cancelled,
        ]),
      ).toEqual([
        ['hold the worker', false],
        ['sepia', true],
      ]);
      expect((await readdir(dir)).sort()).toEqual(['mask.png', 'photo.png']);
    } finally {
      await queue.close();
    }
  });
});
