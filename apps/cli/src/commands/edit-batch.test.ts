import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { type Emulator, type EmulatorOptions, startEmulator } from 'retouch-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodes } from '../exit-codes.js';
import { createWorkDir, writeSolidPng } from '../test-support/images.js';
import { parseJsonOutput, runCli, spawnCli } from '../test-support/run-cli.js';

const key = 'sk-test-batch-5f1e0a';
let emulator: Emulator | undefined;
let dir: string | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function setUp(images: number, options: EmulatorOptions) {
  emulator = await startEmulator({ apiKey: key, log: () => {}, ...options });
  dir = await createWorkDir();
  const names: string[] = [];
  for (let i = 0; i < images; i++) {
    const name = `item-${String(i).padStart(2, '0')}.png`;
    await writeSolidPng(join(dir, name), [(i * 5) % 256, 90, 200], 32);
    names.push(name);
  }
  return names;
}

const env = () => ({ RETOUCH_BASE_URL: `${emulator!.url}/v1`, OPENAI_API_KEY: key });
const batchArgs = [
  'edit',
  'item-*.png',
  '--each',
  '--batch',
  '--model',
  'gpt-image-1',
  '--prompt',
  'make it grayscale',
];
const results = async () =>
  (await readdir(dir!))
    .filter((name) => !name.startsWith('.') && name.includes('.retouch-'))
    .sort();
const created = () => emulator!.requests.filter((request) => request.route === 'batches.create');

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('retouch edit --each --batch (built CLI against the emulator)', () => {
  it('50 images → one batch → 50 results, each recorded at half the live price', async () => {
    const names = await setUp(50, { batchWindowMs: 30_000 });
    const run = await runCli(batchArgs, { cwd: dir!, env: env() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out).toMatchObject({ ok: true, counts: { total: 50, done: 50, failed: 0 } });
    expect(out.batch.priceFactor).toBe(0.5);
    expect(out.batch.batches).toEqual([
      expect.objectContaining({
        status: 'completed',
        counts: { total: 50, completed: 50, failed: 0 },
      }),
    ]);
    expect(emulator!.batches.size).toBe(1);
    expect(emulator!.requests.filter((request) => request.route === 'images.edits')).toHaveLength(
      0,
    );
    expect(await results()).toEqual(names.map((name) => name.replace('.png', '.retouch-1.png')));
    const found = await readOutputRecord(nodeOutputFileSystem, join(dir!, 'item-07.retouch-1.png'));
    expect(found?.record.sources).toEqual([expect.objectContaining({ path: 'item-07.png' })]);
    expect(found?.record.cost).toEqual(out.items[7].cost);

    // The same edit live costs twice as much (the emulator's usage is deterministic).
    const live = parseJsonOutput(
      (
        await runCli(
          ['edit', 'item-07.png', '--model', 'gpt-image-1', '--prompt', 'make it grayscale'],
          { cwd: dir!, env: env() },
        )
      ).stdout,
    );
    expect(out.items[7].cost.amount * 2).toBeCloseTo(live.cost.amount, 10);
  });

  it('killed once the batch exists, then run again: follows the same batch', async () => {
    const names = await setUp(5, { batchWindowMs: 8000 });
    const first = spawnCli(batchArgs, { cwd: dir!, env: env() });
    await until(() => emulator!.batches.size > 0);
    first.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    expect(await results()).toEqual([]);
    const again = await runCli(batchArgs, { cwd: dir!, env: env() });
    expect(again.code).toBe(0);
    expect(parseJsonOutput(again.stdout).counts).toMatchObject({ done: 5, failed: 0 });
    expect(emulator!.batches.size).toBe(1);
    expect(created()).toHaveLength(1);
    expect(await results()).toEqual(names.map((name) => name.replace('.png', '.retouch-1.png')));
    // Once more: "item-*.png" now matches the five results too. They are left out, not sent.
    const third = await runCli(batchArgs, { cwd: dir!, env: env() });
    expect(third.code).toBe(0);
    const out = parseJsonOutput(third.stdout);
    expect(out.counts).toMatchObject({ total: 5, done: 5, failed: 0 });
    expect(out.notes).toEqual([expect.stringMatching(/^Left out 5 results of this batch's/)]);
    expect(created()).toHaveLength(1);
    expect(await results()).toHaveLength(5);
  });

  it('3 failing lines: 47 results, and the 3 failures listed with their errors', async () => {
    await setUp(50, { batchWindowMs: 30_000, batchFailLines: [4, 20, 41] });
    const run = await runCli(batchArgs, { cwd: dir!, env: env() });
    expect(run.code).not.toBe(0);
    expect(await results()).toHaveLength(47);
    const out = parseJsonOutput(run.stdout || run.stderr);
    expect(out.counts).toMatchObject({ done: 47, failed: 3 });
    const failed = out.items.filter((item: { status: string }) => item.status === 'failed');
    expect(failed.map((item: { input: string }) => item.input.split('/').at(-1))).toEqual([
      'item-03.png',
      'item-19.png',
      'item-40.png',
    ]);
    for (const item of failed) {
      expect(item.error.code).toBe('content_policy');
      expect(item.error.message).toMatch(/rejected as a result of our safety system/);
    }
  });

  it('--cancel-batch cancels the batch on the server', async () => {
    await setUp(5, { batchWindowMs: 120_000 });
    const first = spawnCli(batchArgs, { cwd: dir!, env: env() });
    await until(() => emulator!.batches.size > 0);
    first.kill('SIGKILL');
    await first.done;
    const cancel = await runCli([...batchArgs, '--cancel-batch'], { cwd: dir!, env: env() });
    const [batch] = [...emulator!.batches.values()];
    expect(batch!.status).toBe('cancelled');
    expect(emulator!.requests.filter((request) => request.route === 'batches.cancel')).toHaveLength(
      1,
    );
    const out = parseJsonOutput(cancel.stdout || cancel.stderr);
    expect(out.batch.batches[0].status).toBe('cancelled');
    expect(created()).toHaveLength(1);
  });

  it('refuses --batch for a model without batch edits before anything is sent, naming those with one', async () => {
    await setUp(2, {});
    const run = await runCli(
      [...batchArgs.slice(0, 4), '--model', 'gpt-image-2', '--prompt', 'x'],
      { cwd: dir!, env: env() },
    );
    expect(run.code).toBe(exitCodes.invalidInput);
    expect(run.stderr).toMatch(/gpt-image-1\b/);
    expect(emulator!.requests).toHaveLength(0);
  });

  it('refuses --batch on a provider without a batch API, naming the models that have one', async () => {
    await setUp(2, {});
    const run = await runCli(
      ['edit', 'item-*.png', '--each', '--batch', '--provider', 'queue', '--prompt', 'x'],
      { cwd: dir!, env: { RETOUCH_BASE_URL: `${emulator!.url}/v1/queue`, FAL_KEY: key } },
    );
    expect(run.code).toBe(exitCodes.invalidInput);
    expect(run.stderr).toMatch(/queue has no batch API.*gpt-image-1\b/);
    expect(emulator!.requests).toHaveLength(0);
  });

  it('--dry-run shows the batch price beside the live one', async () => {
    await setUp(4, {});
    const run = await runCli(
      [...batchArgs, '--dry-run', '--quality', 'low', '--size', '1024x1024'],
      {
        cwd: dir!,
        env: env(),
      },
    );
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.batch.priceFactor).toBe(0.5);
    expect(out.batch.total.amount).toBeCloseTo(out.total.amount / 2, 10);
    expect(emulator!.requests).toHaveLength(0);
  });
});
