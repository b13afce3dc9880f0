import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir } from '../test-support/images.js';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

const key = 'sk-test-cli-keep-input-51c2';
let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await createWorkDir();
  // A 2000×1000 photo: larger than the 1536 pixels gpt-image-1 makes use of.
  await sharp({
    create: { width: 2000, height: 1000, channels: 3, background: { r: 200, g: 60, b: 40 } },
  })
    .jpeg({ quality: 92 })
    .toFile(join(dir, 'photo.jpg'));
});
afterEach(async () => {
  emulator.reset();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ RETOUCH_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: key });
const edit = (...flags: string[]) =>
  runCli(
    ['edit', 'photo.jpg', '--prompt', 'invert', '--model', 'gpt-image-1', '--json', ...flags],
    {
      cwd: dir,
      env: env(),
    },
  );

describe('retouch edit: inputs prepared for the model, or kept with --keep-input', () => {
  it('sends a large photo shrunk to the model’s useful size, says so, and records it', async () => {
    const run = await edit();
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    // The 2:1 photo comes back at 2:1: padded to gpt-image-1's 3:2, shrunk, cropped back.
    expect(out.outputs[0]).toMatchObject({ width: 1536, height: 768 });
    expect(out.warnings).toContainEqual(
      expect.objectContaining({
        type: 'input-prepared',
        message: expect.stringMatching(
          /^photo\.jpg: sent 1536×1024 JPEG \(.+\) instead of 2000×1333 JPEG/,
        ),
      }),
    );
    const record = (await readOutputRecord(nodeOutputFileSystem, out.outputs[0].path))!.record;
    expect(record.preparedInputs).toEqual([
      expect.objectContaining({
        field: 'images[0]',
        changes: ['pad'],
        original: expect.objectContaining({ width: 2000, height: 1000 }),
        sent: expect.objectContaining({ width: 2000, height: 1333 }),
      }),
      expect.objectContaining({
        field: 'images[0]',
        sent: expect.objectContaining({ mediaType: 'image/jpeg', width: 1536, height: 1024 }),
      }),
    ]);
  });

  it('--keep-input sends the original bytes: the model sees the full 2000×1000 photo', async () => {
    const run = await edit('--keep-input');
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    // Sent as it is: gpt-image-1 answers at its landscape preset, framing not kept.
    expect(out.outputs[0]).toMatchObject({ width: 1536, height: 1024 });
    expect(out.warnings.filter((w: { type: string }) => w.type === 'input-prepared')).toEqual([]);
    const record = (await readOutputRecord(nodeOutputFileSystem, out.outputs[0].path))!.record;
    expect(record.preparedInputs).toBeUndefined();
    const original = createHash('sha256')
      .update(await readFile(join(dir, 'photo.jpg')))
      .digest('hex');
    expect(record.sources[0]!.sha256).toBe(original);
  });

  it('--each goes through the same session: prepared by default, kept with --keep-input', async () => {
    const sizes = async (...flags: string[]) => {
      const run = await edit('--each', '--fresh', ...flags);
      expect(run.code).toBe(0);
      const out = parseJsonOutput(run.stdout);
      const meta = await sharp(out.items[0].outputs[0]).metadata();
      return `${meta.width}×${meta.height}`;
    };
    expect(await sizes()).toBe('1536×768');
    // Sent as it is, the 2:1 photo comes back at gpt-image-1's landscape preset.
    expect(await sizes('--keep-input')).toBe('1536×1024');
  });
});
