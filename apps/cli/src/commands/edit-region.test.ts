import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir } from '../test-support/images.js';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

const key = 'sk-test-cli-region-7d1e';
let emulator: Emulator;
let dir: string;
const W = 3000;
const H = 2000;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await createWorkDir();
  await sharp({
    create: { width: W, height: H, channels: 3, background: { r: 200, g: 60, b: 40 } },
  })
    .png()
    .toFile(join(dir, 'photo.png'));
  // Transparent (edit here) over 300×200 near the top left.
  const mask = Buffer.alloc(W * H * 4, 255);
  for (let y = 100; y < 300; y++) for (let x = 100; x < 400; x++) mask[(y * W + x) * 4 + 3] = 0;
  await sharp(mask, { raw: { width: W, height: H, channels: 4 } })
    .png()
    .toFile(join(dir, 'mask.png'));
});
afterEach(async () => {
  emulator.reset();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ RETOUCH_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: key });
const edit = (...flags: string[]) =>
  runCli(
    [
      'edit',
      'photo.png',
      '--mask',
      'mask.png',
      '--prompt',
      'invert',
      '--model',
      'gpt-image-1',
      '--json',
      ...flags,
    ],
    { cwd: dir, env: env() },
  );

describe('retouch edit: a small mask is edited as a region of the full picture', () => {
  it('comes back at the photo size, says the source size, and records the crop it sent', async () => {
    const run = await edit();
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.outputs[0]).toMatchObject({ width: W, height: H });
    expect(out.source).toEqual({ width: W, height: H });
    const record = (await readOutputRecord(nodeOutputFileSystem, out.outputs[0].path))!.record;
    expect(record.preparedInputs?.[0]).toMatchObject({ changes: ['region'] });
    const { data } = await sharp(out.outputs[0].path)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)];
    expect(at(2500, 1500)).toEqual([200, 60, 40]); // far from the mask: the original's bytes
    expect(at(250, 200)[0]).toBeLessThan(100); // inside: inverted
  }, 60_000);

  it('--whole-image sends the whole picture and keeps the model answer', async () => {
    const run = await edit('--whole-image');
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.outputs[0]).toMatchObject({ width: 1536, height: 1024 });
    expect(out.source).toEqual({ width: W, height: H });
  }, 60_000);

  it('refuses a threshold outside 0–1', async () => {
    const run = await edit('--region-threshold', '3');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--region-threshold must be a number from 0 to 1');
  });
});
