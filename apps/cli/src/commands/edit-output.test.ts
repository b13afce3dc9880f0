import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir, readPixels } from '../test-support/images.js';
import { parseJsonOutput, runCli, spawnCli } from '../test-support/run-cli.js';

const key = 'sk-test-cli-output-5d1e9b7a';

let emulator: Emulator;
let dir: string;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await createWorkDir();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  emulator.reset();
  await rm(dir, { recursive: true, force: true });
});

/** Our own temp folder, so the fallback the CLI picks (the OS temp folder) can be inspected. */
const env = () => ({
  RETOUCH_BASE_URL: `${emulator.url}/v1`,
  OPENAI_API_KEY: key,
  TMPDIR: join(dir, 'tmp'),
});

const editRequests = () => emulator.requests.filter((request) => request.route === 'images.edits');

/** A read-only bind mount of `folder` (even root cannot write), or undefined where not allowed. */
function mountReadOnly(folder: string): boolean {
  try {
    execFileSync('mount', ['--bind', folder, folder], { stdio: 'ignore' });
  } catch {
    return false;
  }
  cleanups.push(() => execFileSync('umount', ['-l', folder], { stdio: 'ignore' }));
  try {
    execFileSync('mount', ['-o', 'remount,bind,ro', folder], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('retouch edit: where results go (built CLI against the emulator)', () => {
  it('refuses an --out under a regular file before sending anything: exit 2, invalid_request', async () => {
    await writeFile(join(dir, 'notes.txt'), 'a file, not a folder');
    const run = await runCli(
      ['edit', 'photo.png', '--prompt', 'sepia', '--out', 'notes.txt/edits'],
      { cwd: dir, env: env() },
    );
    expect(run.code).toBe(2);
    const { error } = parseJsonOutput(run.stderr);
    expect(error).toMatchObject({ code: 'invalid_request', exitCode: 2 });
    expect(error.message).toContain(join(dir, 'notes.txt', 'edits'));
    expect(error.message).toMatch(/Nothing was sent/);
    expect(error.message).toMatch(/--out/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('refuses a read-only --out before sending anything', async (context) => {
    const locked = join(dir, 'locked');
    await mkdir(locked);
    if (!mountReadOnly(locked))
      return context.skip('mounting a read-only folder is not allowed here');
    const run = await runCli(['edit', 'photo.png', '--prompt', 'sepia', '--out', 'locked'], {
      cwd: dir,
      env: env(),
    });
    expect(run.code).toBe(2);
    expect(parseJsonOutput(run.stderr).error.message).toMatch(/read-only file system/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('saves a result to the temp folder when --out fails after the answer, says where, and exits 8', async () => {
    // The answer is held back until the output folder has been replaced by a file.
    emulator.setFaults([{ route: 'images.edits', delayMs: 4000, times: 1 }]);
    const child = spawnCli(['edit', 'photo.png', '--prompt', 'invert', '--out', 'edits'], {
      cwd: dir,
      env: env(),
    });
    await expect.poll(() => editRequests().length, { timeout: 20_000, interval: 50 }).toBe(1);
    await rm(join(dir, 'edits'), { recursive: true });
    await writeFile(join(dir, 'edits'), 'in the way');
    const run = await child.done;

    expect(run.code).toBe(8);
    const { error } = parseJsonOutput(run.stderr);
    expect(error).toMatchObject({ code: 'output', exitCode: 8 });
    const rescued = join(dir, 'tmp', 'retouch-rescued', 'photo.retouch-1.png');
    expect(error.message).toContain(`could not be written to ${join(dir, 'edits')}`);
    expect(error.message).toContain(rescued);
    expect(error.hint).toMatch(/move the saved image/);
    // The paid result is there, whole, with its record.
    const pixels = await readPixels(rescued);
    expect([pixels.width, pixels.height]).toEqual([1248, 1248]); // gpt-image-2's square
    const found = await readOutputRecord(nodeOutputFileSystem, rescued);
    expect(found?.record).toMatchObject({
      prompt: 'invert',
      sources: [{ path: join(dir, 'photo.png') }],
    });
    expect(editRequests()).toHaveLength(1);
  });

  it('writes a sidecar beside each result with --sidecar, holding the same record', async () => {
    const run = await runCli(['edit', 'photo.png', '--prompt', 'sepia', '--sidecar'], {
      cwd: dir,
      env: env(),
    });
    expect(run.code).toBe(0);
    const [output] = parseJsonOutput(run.stdout).outputs;
    expect(output).toMatchObject({
      record: 'image+sidecar',
      sidecarPath: join(dir, 'photo.retouch-1.png.json'),
    });
    const sidecar = JSON.parse(await readFile(output.sidecarPath, 'utf8'));
    const inside = await readOutputRecord(nodeOutputFileSystem, output.path);
    expect(sidecar).toEqual(inside?.record);
    expect(sidecar.prompt).toBe('sepia');
  });

  it('gives a JPEG back as a JPEG, named .jpg, unless a format is asked for', async () => {
    await sharp(join(dir, 'photo.png')).jpeg({ quality: 70 }).toFile(join(dir, 'holiday.jpg'));
    const run = await runCli(['edit', 'holiday.jpg', '--prompt', 'sepia'], {
      cwd: dir,
      env: env(),
    });
    expect(run.code).toBe(0);
    const [output] = parseJsonOutput(run.stdout).outputs;
    expect(output).toMatchObject({
      path: join(dir, 'holiday.retouch-1.jpg'),
      mediaType: 'image/jpeg',
    });
    expect((await sharp(output.path).metadata()).format).toBe('jpeg');
    const found = await readOutputRecord(nodeOutputFileSystem, output.path);
    expect(found).toMatchObject({ from: 'image', record: { options: { outputFormat: 'jpeg' } } });

    const png = await runCli(['edit', 'holiday.jpg', '--prompt', 'sepia', '--format', 'png'], {
      cwd: dir,
      env: env(),
    });
    expect(parseJsonOutput(png.stdout).outputs[0].path).toBe(join(dir, 'holiday.retouch-2.png'));
  });

  it('gives runs started at the same moment different names, each file its own result', async () => {
    const runs = await Promise.all(
      ['invert', 'blur', 'sepia', 'grayscale'].map((prompt) =>
        runCli(['edit', 'photo.png', '--prompt', prompt], { cwd: dir, env: env() }),
      ),
    );
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0]);
    const paths = runs.map((run) => parseJsonOutput(run.stdout).outputs[0].path as string);
    expect(new Set(paths).size).toBe(4);
    expect((await readdir(dir)).filter((name) => name.startsWith('photo.retouch-')).sort()).toEqual(
      ['photo.retouch-1.png', 'photo.retouch-2.png', 'photo.retouch-3.png', 'photo.retouch-4.png'],
    );
    // Each file holds the record of the run that reported it.
    for (const [i, prompt] of ['invert', 'blur', 'sepia', 'grayscale'].entries()) {
      const found = await readOutputRecord(nodeOutputFileSystem, paths[i]!);
      expect(found?.record.prompt).toBe(prompt);
    }
  });
});
