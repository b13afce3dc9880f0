import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meanAbsoluteDifference, readPixels, sampleImage } from '../test-support/images.js';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'retouch-demo-'));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

describe('retouch demo (built CLI, fresh folder, no keys in the environment)', () => {
  it('edits the shipped sample through both providers into ./retouch-demo-output, visibly', async () => {
    const run = await runCli(['demo', '--json'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.outputDir).toBe(join(cwd, 'retouch-demo-output'));
    const [openai, queue] = out.edits;
    expect(openai).toMatchObject({ provider: 'openai-compatible', mask: true });
    expect(queue).toMatchObject({ provider: 'queue', mask: false });
    // What the same edit would cost at the model's published prices; the queue model has none.
    expect(openai.cost).toMatchObject({ kind: 'actual', currency: 'USD', basis: 'usage' });
    expect(openai.cost.amount).toBeGreaterThan(0);
    expect(queue.cost).toMatchObject({ kind: 'unknown' });
    expect(openai.outputs[0].path).toBe(
      join(cwd, 'retouch-demo-output', 'openai-compatible', 'sample.retouch-1.png'),
    );

    const original = await readPixels(sampleImage);
    expect(await readFile(out.original)).toEqual(await readFile(sampleImage));
    // Masked edit: the sky (top half) changes a lot, the hills (bottom half) not at all.
    const masked = await readPixels(openai.outputs[0].path);
    const skyDifference = meanAbsoluteDifference(original, masked, 0, 250);
    const hillsDifference = meanAbsoluteDifference(original, masked, 262, 512);
    expect(skyDifference).toBeGreaterThan(40);
    expect(hillsDifference).toBeLessThan(1);
    // Queue edit: two different variants, each far from the original.
    expect(queue.outputs).toHaveLength(2);
    for (const output of queue.outputs) {
      expect(meanAbsoluteDifference(original, await readPixels(output.path, 512))).toBeGreaterThan(
        15,
      );
    }
    const [first, second] = await Promise.all(
      queue.outputs.map((o: { path: string }) => readFile(o.path)),
    );
    expect(first.equals(second)).toBe(false);
    const found = await readOutputRecord(nodeOutputFileSystem, queue.outputs[0].path);
    expect(found?.record).toMatchObject({
      provider: 'queue',
      sources: [{ path: '../sample.png' }],
    });
    expect((await readFile(queue.outputs[0].path)).includes('retouch-demo-key')).toBe(false);
  });

  it('runs again without overwriting the first run', async () => {
    const run = await runCli(['demo', '--json'], { cwd });
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.edits[0].outputs[0].path).toMatch(/sample\.retouch-2\.png$/);
    expect(out.edits[1].outputs.map((o: { path: string }) => o.path.split('/').pop())).toEqual([
      'sample.retouch-3.png',
      'sample.retouch-4.png',
    ]);
  });

  it('prints a readable walkthrough without --json, even when piped', async () => {
    const run = await runCli(['demo'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/OpenAI-compatible edit with a mask/);
    expect(run.stdout).toMatch(/waiting in the queue/);
    expect(run.stdout).toMatch(/retouch-demo-output\/queue\/sample\.retouch-\d+\.png/);
    expect(run.stdout).toMatch(/Done\. Compare/);
  });
});
