import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir, writeSolidPng } from '../test-support/images.js';
import { parseJsonOutput, runCli, spawnCli } from '../test-support/run-cli.js';

const key = 'sk-test-each-91b2c7';
const names = ['a.png', 'b.png', 'c.png', 'd.png', 'e.png'];

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await createWorkDir();
  for (const [i, name] of names.entries())
    await writeSolidPng(join(dir, name), [40 * i, 90, 200], 64);
});
afterEach(async () => {
  emulator.reset();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ RETOUCH_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: key });
const edits = () => emulator.requests.filter((request) => request.route === 'images.edits');
const results = async () =>
  (await readdir(dir)).filter((name) => !name.startsWith('.') && name.includes('.retouch-')).sort();

describe('retouch edit --each (built CLI against the emulator)', () => {
  it('edits each of 5 images on its own: 5 results, each with its record and its cost', async () => {
    const run = await runCli(['edit', ...names, '--each', '--prompt', 'make it grayscale'], {
      cwd: dir,
      env: env(),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(edits()).toHaveLength(5);
    expect(await results()).toEqual(names.map((name) => name.replace('.png', '.retouch-1.png')));
    const out = parseJsonOutput(run.stdout);
    expect(out).toMatchObject({ ok: true, each: true, counts: { total: 5, done: 5, failed: 0 } });
    expect(out.items[0]).toMatchObject({
      status: 'done',
      outputs: [join(dir, 'a.retouch-1.png')],
      cost: { kind: 'actual', basis: 'usage' },
    });
    expect(out.cost).toMatchObject({ unknown: 0, currency: 'USD' });
    expect(out.cost.amount).toBeGreaterThan(0);
    // Each result says which single input it came from, and what it cost.
    const found = await readOutputRecord(nodeOutputFileSystem, join(dir, 'c.retouch-1.png'));
    expect(found?.record.sources).toEqual([expect.objectContaining({ path: 'c.png' })]);
    expect(found?.record.cost).toEqual(out.items[2].cost);
  });

  it('expands glob patterns a shell left alone', async () => {
    const run = await runCli(['edit', '*.png', '--each', '--prompt', 'invert', '--dry-run'], {
      cwd: dir,
      env: env(),
    });
    expect(run.code).toBe(0);
    // sample photo.png and mask.png are in the folder too: 7 images.
    expect(parseJsonOutput(run.stdout)).toMatchObject({ dryRun: true, edits: 7 });
  });

  it('the same pattern run again leaves out the results it wrote: nothing is sent or paid twice', async () => {
    const args = ['edit', '?.png', '--each', '--prompt', 'sepia'];
    const first = await runCli(args, { cwd: dir, env: env() });
    expect(first.code).toBe(0);
    expect(edits()).toHaveLength(5);
    // "?.png" matched a.png … e.png; now the folder also has a.retouch-1.png … e.retouch-1.png.
    const dry = await runCli([...args, '--dry-run'], { cwd: dir, env: env() });
    expect(parseJsonOutput(dry.stdout)).toMatchObject({ edits: 0, doneBefore: 5, leftOut: 0 });
    const again = await runCli(['edit', '*.png', '--each', '--prompt', 'sepia'], {
      cwd: dir,
      env: env(),
    });
    expect(again.code).toBe(0);
    const out = parseJsonOutput(again.stdout);
    // The sample photo.png and mask.png are new inputs; the five results are left out, and said so.
    expect(out.counts).toMatchObject({ total: 7, done: 7, failed: 0 });
    expect(edits()).toHaveLength(7);
    expect(out.notes).toEqual([
      expect.stringMatching(
        /^Left out 5 results of this batch's earlier run \(a\.retouch-1\.png, /,
      ),
    ]);
    expect(await results()).not.toContain('a.retouch-2.png');
    // A dry run of it now says the same: nothing to send, all 7 results left out.
    const check = await runCli(['edit', '*.png', '--each', '--prompt', 'sepia', '--dry-run'], {
      cwd: dir,
      env: env(),
    });
    expect(parseJsonOutput(check.stdout)).toMatchObject({ edits: 0, doneBefore: 7, leftOut: 7 });
  });

  it('after Ctrl-C, the same command again finishes the rest without redoing what was done', async () => {
    // The third edit hangs, so the interrupt always comes after exactly two are done.
    emulator.setFaults([{ route: 'images.edits', afterRequests: 2, times: 1, delayMs: 60_000 }]);
    const args = ['edit', ...names, '--each', '--concurrency', '1', '--prompt', 'sepia'];
    const first = spawnCli(args, { cwd: dir, env: env() });
    await expect.poll(async () => (await results()).length, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => edits().length, { timeout: 30_000 }).toBe(3);
    first.kill('SIGINT');
    const interrupted = await first.done;
    expect(interrupted.code).toBe(130);
    expect(parseJsonOutput(interrupted.stdout)).toMatchObject({
      ok: false,
      counts: { done: 2 },
      stopped: { reason: 'cancelled' },
    });
    const journal = (await readdir(dir)).find((name) => name.startsWith('.retouch-batch-'));
    expect(journal).toBeDefined();

    emulator.clearFaults();
    const before = edits().length;
    const second = await runCli(args, { cwd: dir, env: env() });
    expect(second.code).toBe(0);
    expect(edits().length - before).toBe(3);
    const out = parseJsonOutput(second.stdout);
    expect(out.items.map((item: { status: string }) => item.status)).toEqual([
      'done-before',
      'done-before',
      'done',
      'done',
      'done',
    ]);
    // One result per input: nothing was edited twice.
    expect(await results()).toEqual(names.map((name) => name.replace('.png', '.retouch-1.png')));
    const state = JSON.parse(await readFile(join(dir, journal!), 'utf8'));
    expect(Object.values(state.items).map((entry) => (entry as { state: string }).state)).toEqual(
      Array(5).fill('done'),
    );
  });

  it('--dry-run checks everything, sends nothing, and prints the estimated cost', async () => {
    const run = await runCli(
      [
        'edit',
        ...names,
        '--each',
        '--prompt',
        'blur',
        '--quality',
        'high',
        '--size',
        '1024x1024',
        '--dry-run',
      ],
      {
        cwd: dir,
        env: env(),
      },
    );
    expect(run.code).toBe(0);
    expect(emulator.requests).toHaveLength(0);
    const out = parseJsonOutput(run.stdout);
    // gpt-image-2 at high quality, 1024x1024: $0.211 an image, as its data lists.
    expect(out).toMatchObject({
      dryRun: true,
      sent: 0,
      edits: 5,
      total: { kind: 'estimate', currency: 'USD' },
    });
    expect(out.total.amount).toBeCloseTo(5 * 0.211, 6);

    const refused = await runCli(
      ['edit', 'a.png', '--prompt', 'blur', '--size', '7x7', '--dry-run'],
      { cwd: dir, env: env() },
    );
    expect(refused.code).toBe(2);
    expect(emulator.requests).toHaveLength(0);
  });

  it("--max-cost below one edit's estimate sends nothing and says why", async () => {
    const batch = await runCli(
      ['edit', ...names, '--each', '--prompt', 'blur', '--max-cost', '0.001'],
      { cwd: dir, env: env() },
    );
    expect(batch.code).toBe(2);
    const out = parseJsonOutput(batch.stdout);
    expect(out.items.every((item: { status: string }) => item.status === 'over-budget')).toBe(true);
    expect(out.items[0].reason).toMatch(/could cost up to \$0\.211.*over the budget of \$0\.001/);

    const single = await runCli(['edit', 'a.png', '--prompt', 'blur', '--max-cost', '0.001'], {
      cwd: dir,
      env: env(),
    });
    expect(single.code).toBe(2);
    expect(JSON.parse(single.stderr).error.message).toMatch(
      /^Not sent: it could cost up to \$0\.211/,
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it('reports a cost it cannot know as unknown, never as a guess', async () => {
    const run = await runCli(['edit', 'a.png', 'b.png', '--each', '--prompt', 'blur'], {
      cwd: dir,
      env: {
        RETOUCH_PROVIDER: 'queue',
        RETOUCH_BASE_URL: `${emulator.url}/v1/queue`,
        FAL_KEY: key,
      },
    });
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.items[0].cost).toEqual({
      kind: 'unknown',
      reason: expect.stringMatching(/no prices are known/),
    });
    expect(out.cost).toMatchObject({ amount: 0, unknown: 2 });
  });

  it('after a crash, follows a queue job from its handle instead of submitting it again', async () => {
    const queueEnv = {
      RETOUCH_PROVIDER: 'queue',
      RETOUCH_BASE_URL: `${emulator.url}/v1/queue`,
      FAL_KEY: key,
    };
    // The job is submitted, then its status never comes: the process dies while it waits.
    emulator.setFaults([
      { route: 'queue.status', delayMs: 60_000 },
      { route: 'queue.status.stream', delayMs: 60_000 },
    ]);
    const args = ['edit', 'a.png', '--each', '--prompt', 'invert'];
    const crashed = spawnCli(args, { cwd: dir, env: queueEnv });
    const journalState = async () => {
      const journal = (await readdir(dir)).find(
        (name) => name.startsWith('.retouch-batch-') && name.endsWith('.json'),
      );
      if (!journal) return undefined;
      return JSON.parse(await readFile(join(dir, journal), 'utf8')).items['a.png']?.state;
    };
    await expect.poll(journalState, { timeout: 30_000 }).toBe('running');
    crashed.kill('SIGKILL');
    await crashed.done;
    const submits = () =>
      emulator.requests.filter((request) => request.route === 'queue.submit').length;
    expect(submits()).toBe(1);

    emulator.clearFaults();
    const resumed = await runCli(args, { cwd: dir, env: queueEnv });
    expect(resumed.code).toBe(0);
    expect(submits()).toBe(1);
    expect(parseJsonOutput(resumed.stdout).items[0]).toMatchObject({
      status: 'done',
      resumed: true,
    });
    expect(await results()).toEqual(['a.retouch-1.png']);
  });
});
