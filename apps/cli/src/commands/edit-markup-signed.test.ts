import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir } from '../test-support/images.js';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

const key = 'sk-test-cli-markup-7c2f0e1d';

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

const env = () => ({ RETOUCH_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: key });
const edits = () => emulator.requests.filter((request) => request.route === 'images.edits');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A transparent layer the size of photo.png with a red box drawn in its middle. */
async function writeMarks(): Promise<string> {
  const { width = 0, height = 0 } = await sharp(join(dir, 'photo.png')).metadata();
  const data = Buffer.alloc(width * height * 4);
  const [x0, y0, x1, y1] = [width / 3, height / 3, (2 * width) / 3, (2 * height) / 3].map(
    Math.round,
  );
  for (let y = y0!; y < y1!; y++) {
    for (let x = x0!; x < x1!; x++) {
      if (x < x0! + 3 || x >= x1! - 3 || y < y0! + 3 || y >= y1! - 3) {
        data.set([255, 0, 0, 255], (y * width + x) * 4);
      }
    }
  }
  const path = join(dir, 'marks.png');
  await sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toFile(path);
  return path;
}

describe('retouch edit --markup (built CLI against the emulator)', () => {
  it('sends the marks as their own multipart part and the image untouched to gpt-image-2.6', async () => {
    await writeMarks();
    const run = await runCli(
      [
        'edit',
        'photo.png',
        '--markup',
        'marks.png',
        '--prompt',
        'remove this',
        '--model',
        'gpt-image-2.6',
        '--json',
      ],
      { cwd: dir, env: env() },
    );
    expect(run.code, run.stderr).toBe(0);
    const [request] = edits();
    const files = request?.edit?.files ?? [];
    expect(files.map((file) => file.name)).toEqual(['image', 'markup']);
    // At the emulator: the image is photo.png byte for byte, the marks arrive as they were drawn.
    expect(files[0]?.sha256).toBe(sha256(await readFile(join(dir, 'photo.png'))));
    expect(files[1]?.sha256).toBe(sha256(await readFile(join(dir, 'marks.png'))));
    expect(request?.edit?.markup?.delivery).toBe('layer');
    const output = parseJsonOutput(run.stdout).outputs[0];
    const history = parseJsonOutput(
      (await runCli(['history', output.path, '--json'], { cwd: dir, env: env() })).stdout,
    );
    expect(history.records[0].record.markup).toMatchObject({ delivery: 'layer' });
  });

  it('draws the marks onto the image for a model without a markup layer', async () => {
    await writeMarks();
    const run = await runCli(
      [
        'edit',
        'photo.png',
        '--markup',
        'marks.png',
        '--prompt',
        'remove this',
        '--model',
        'gpt-image-2',
        '--json',
      ],
      { cwd: dir, env: env() },
    );
    expect(run.code, run.stderr).toBe(0);
    const [request] = edits();
    const files = request?.edit?.files ?? [];
    expect(files.map((file) => file.name)).toEqual(['image']);
    expect(files[0]?.sha256).not.toBe(sha256(await readFile(join(dir, 'photo.png'))));
    // The emulator found the red marks drawn on the one picture it got.
    expect(request?.edit?.markup?.delivery).toBe('flattened');
  });

  it('refuses --markup with --mask before sending anything, also in a dry run', async () => {
    await writeMarks();
    const dry = await runCli(
      [
        'edit',
        'photo.png',
        '--markup',
        'marks.png',
        '--mask',
        'mask.png',
        '--prompt',
        'remove this',
        '--model',
        'gpt-image-2.6',
        '--dry-run',
        '--json',
      ],
      { cwd: dir, env: env() },
    );
    expect(dry.code).toBe(2);
    const run = await runCli(
      [
        'edit',
        'photo.png',
        '--markup',
        'marks.png',
        '--mask',
        'mask.png',
        '--prompt',
        'remove this',
        '--model',
        'gpt-image-2.6',
        '--json',
      ],
      { cwd: dir, env: env() },
    );
    expect(run.code).toBe(2);
    expect(parseJsonOutput(run.stderr).error.message).toMatch(/markup cannot be sent with a mask/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('a signed result (built CLI against the emulator)', () => {
  it('is the server’s bytes exactly, leaves nothing visible beside it, and history shows its record', async () => {
    emulator.setFaults([{ route: 'images.edits', sign: true }]);
    const run = await runCli(['edit', 'photo.png', '--prompt', 'make it sepia', '--json'], {
      cwd: dir,
      env: env(),
    });
    expect(run.code, run.stderr).toBe(0);
    const { outputs } = parseJsonOutput(run.stdout);
    expect(outputs[0].record).toBe('store');
    const written = await readFile(outputs[0].path);
    const [request] = edits();
    expect(request?.edit?.signed).toBe(true);
    expect(sha256(written)).toBe(request?.edit?.outputs?.[0]);
    expect((await readdir(dir)).sort()).toEqual(
      ['.retouch', 'mask.png', 'photo.png', 'photo.retouch-1.png'].sort(),
    );

    const history = await runCli(['history', 'photo.retouch-1.png', '--json'], {
      cwd: dir,
      env: env(),
    });
    const { records } = parseJsonOutput(history.stdout);
    expect(records[0]).toMatchObject({ recordIn: 'store', record: { prompt: 'make it sepia' } });
    const human = await runCli(['history', 'photo.retouch-1.png'], { cwd: dir, env: env() });
    expect(human.stdout).toContain('make it sepia');
  });
});
