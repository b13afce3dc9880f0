import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixtureProject, pluginModuleSource } from '../test-support/fixture-project.js';
import {
  createWorkDir,
  meanAbsoluteDifference,
  pixelAt,
  readPixels,
  writeSolidPng,
} from '../test-support/images.js';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

const key = 'sk-test-cli-e2e-7f3a9c1d5b';

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
const queueEnv = () => ({
  RETOUCH_PROVIDER: 'queue',
  RETOUCH_BASE_URL: `${emulator.url}/v1/queue`,
  FAL_KEY: key,
});

/** The record a result carries inside its own metadata. */
async function recordOf(path: string) {
  const found = await readOutputRecord(nodeOutputFileSystem, path);
  expect(found?.from).toBe('image');
  return found!.record;
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

describe('retouch edit (built CLI against the emulator)', () => {
  it('edits an image, writes name.retouch-1.png beside it with its record inside, and prints one JSON document', async () => {
    const run = await runCli(['edit', 'photo.png', '--prompt', 'make it grayscale'], {
      cwd: dir,
      env: openaiEnv(),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out).toMatchObject({ ok: true, provider: 'openai-compatible', model: 'gpt-image-2' });
    const output = join(dir, 'photo.retouch-1.png');
    expect(out.outputs).toEqual([
      expect.objectContaining({
        path: output,
        record: 'image',
        mediaType: 'image/png',
        // gpt-image-2 answers a square picture at its own square size, not the input's 512×512.
        width: 1248,
        height: 1248,
      }),
    ]);
    // The user sees a grayscale version of their picture.
    const pixels = await readPixels(output);
    const [r, g, b] = pixelAt(pixels, 256, 100);
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThanOrEqual(2);

    // Nothing else appears beside the image: the record is inside it.
    expect((await readdir(dir)).sort()).toEqual(['mask.png', 'photo.png', 'photo.retouch-1.png']);
    const record = await recordOf(output);
    expect(record).toMatchObject({
      schema: 'retouch.edit/v2',
      tool: { name: '@retouch/cli' },
      prompt: 'make it grayscale',
      provider: 'openai-compatible',
      model: out.model,
      endpoint: `${emulator.url}/v1`,
      sources: [{ path: 'photo.png', sha256: await sha256(join(dir, 'photo.png')) }],
      output: { file: 'photo.retouch-1.png', index: 0, count: 1, mediaType: 'image/png' },
      requestIds: [out.requestId],
    });
    expect(out.requestId).toMatch(/\S/);
    expect(Date.parse(record.createdAt)).not.toBeNaN();
  });

  it('confines a masked edit to the transparent part of the mask', async () => {
    const run = await runCli(
      ['edit', 'photo.png', '--mask', 'mask.png', '--prompt', 'invert the sky', '--out', 'edits'],
      {
        cwd: dir,
        env: openaiEnv(),
      },
    );
    expect(run.code).toBe(0);
    const output = join(dir, 'edits', 'photo.retouch-1.png');
    const [before, after] = await Promise.all([
      readPixels(join(dir, 'photo.png')),
      readPixels(output),
    ]);
    // The mask is transparent over the top half (the sky) only.
    expect(meanAbsoluteDifference(before, after, 0, 250)).toBeGreaterThan(40);
    expect(meanAbsoluteDifference(before, after, 262, 512)).toBeLessThan(1);
    const record = await recordOf(output);
    expect(record.sources.map((source) => source.path)).toEqual(['../photo.png']);
    expect(record.mask?.path).toBe('../mask.png');
  });

  it('combines several inputs into one picture', async () => {
    await writeSolidPng(join(dir, 'red.png'), [220, 30, 30]);
    await writeSolidPng(join(dir, 'blue.png'), [30, 30, 220]);
    const run = await runCli(['edit', 'red.png', 'blue.png', '--prompt', 'blur them together'], {
      cwd: dir,
      env: openaiEnv(),
    });
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.outputs[0].path).toBe(join(dir, 'red.retouch-1.png'));
    const pixels = await readPixels(out.outputs[0].path);
    // At gpt-image-2's square size: the left and right quarters of the answer.
    const [lr, , lb] = pixelAt(pixels, Math.round(pixels.width * 0.16), pixels.height >> 1);
    const [rr, , rb] = pixelAt(pixels, Math.round(pixels.width * 0.84), pixels.height >> 1);
    expect(lr).toBeGreaterThan(lb); // left half from red.png
    expect(rb).toBeGreaterThan(rr); // right half from blue.png
    expect((await recordOf(out.outputs[0].path)).sources).toHaveLength(2);
  });

  it('makes n variants in the requested format through the queue provider', async () => {
    const run = await runCli(
      [
        'edit',
        'photo.png',
        '--prompt',
        'sepia',
        '--n',
        '2',
        '--format',
        'jpeg',
        '--compression',
        '80',
        '--json',
      ],
      { cwd: dir, env: queueEnv() },
    );
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.provider).toBe('queue');
    expect(out.outputs.map((o: { path: string }) => o.path)).toEqual([
      join(dir, 'photo.retouch-1.jpg'),
      join(dir, 'photo.retouch-2.jpg'),
    ]);
    for (const output of out.outputs) expect(output.mediaType).toBe('image/jpeg');
    const [first, second] = await Promise.all(
      out.outputs.map((o: { path: string }) => readFile(o.path)),
    );
    expect(first.equals(second)).toBe(false);
    const [firstRecord, secondRecord] = await Promise.all(
      out.outputs.map((o: { path: string }) => recordOf(o.path)),
    );
    expect(secondRecord.options).toEqual({ n: 2, outputFormat: 'jpeg', outputCompression: 80 });
    expect(secondRecord.output).toMatchObject({ index: 1, count: 2, mediaType: 'image/jpeg' });
    // Both results of the one edit carry the same edit id, so a history groups them.
    expect(secondRecord.editId).toBe(firstRecord.editId);
  });

  it('never overwrites: an existing result keeps its bytes and the next run takes the next number', async () => {
    await writeFile(join(dir, 'photo.retouch-1.png'), 'precious earlier result');
    for (const expected of ['photo.retouch-2.png', 'photo.retouch-3.png']) {
      const run = await runCli(['edit', 'photo.png', '--prompt', 'blur'], {
        cwd: dir,
        env: openaiEnv(),
      });
      expect(run.code).toBe(0);
      expect(parseJsonOutput(run.stdout).outputs[0].path).toBe(join(dir, expected));
    }
    expect(await readFile(join(dir, 'photo.retouch-1.png'), 'utf8')).toBe(
      'precious earlier result',
    );
    // No temp files, placeholders or sidecars are left behind.
    expect((await readdir(dir)).sort()).toEqual([
      'mask.png',
      'photo.png',
      'photo.retouch-1.png',
      'photo.retouch-2.png',
      'photo.retouch-3.png',
    ]);
  });

  it('keeps the key out of records, output and errors', async () => {
    const runs = [
      await runCli(['edit', 'photo.png', '--prompt', 'invert'], { cwd: dir, env: openaiEnv() }),
      await runCli(['edit', 'photo.png', '--prompt', 'invert'], { cwd: dir, env: queueEnv() }),
    ];
    emulator.setFaults([
      {
        route: 'images.edits',
        status: 400,
        body: {
          error: {
            message: `bad key ${key}`,
            type: 'invalid_request_error',
            code: null,
            param: null,
          },
        },
      },
    ]);
    runs.push(
      await runCli(['edit', 'photo.png', '--prompt', 'invert'], { cwd: dir, env: openaiEnv() }),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 2]);
    for (const run of runs) {
      expect(run.stdout).not.toContain(key);
      expect(run.stderr).not.toContain(key);
    }
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith('photo.retouch-'))).toHaveLength(2);
    for (const file of files) expect((await readFile(join(dir, file))).includes(key)).toBe(false);
  });

  it('takes base URL, model and key from a config file', async () => {
    const config = {
      provider: 'openai-compatible',
      providers: {
        'openai-compatible': { baseURL: `${emulator.url}/v1`, apiKey: key, model: 'gpt-image-1' },
      },
    };
    await writeFile(join(dir, 'my-config.json'), JSON.stringify(config), { mode: 0o600 });
    const run = await runCli(
      ['edit', 'photo.png', '--prompt', 'invert', '--config', 'my-config.json'],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.model).toBe('gpt-image-1');
    expect((await readFile(out.outputs[0].path)).includes(key)).toBe(false);
    expect((await recordOf(out.outputs[0].path)).endpoint).toBe(`${emulator.url}/v1`);
  });

  it('will not send an environment key to an endpoint set by ./retouch.config.json', async () => {
    await writeFile(
      join(dir, 'retouch.config.json'),
      JSON.stringify({ providers: { 'openai-compatible': { baseURL: `${emulator.url}/v1` } } }),
    );
    const run = await runCli(['edit', 'photo.png', '--prompt', 'invert'], {
      cwd: dir,
      env: { OPENAI_API_KEY: key },
    });
    expect(run.code).toBe(2);
    expect(parseJsonOutput(run.stderr).error.message).toMatch(
      /will not send the key from OPENAI_API_KEY.*--config/,
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it('refuses a key passed as a flag, before any request, and explains why', async () => {
    const run = await runCli(['edit', 'photo.png', '--prompt', 'invert', '--api-key', key], {
      cwd: dir,
      env: openaiEnv(),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain(key);
    const error = parseJsonOutput(run.stderr).error;
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/shell history/);
    expect(error.message).toMatch(/OPENAI_API_KEY/);
    expect(emulator.requests).toHaveLength(0);
  });

  it('loads a plugin package from the project, and refuses a package that is not a plugin', async () => {
    const project = await createFixtureProject();
    try {
      await project.addPackage(
        'left-pad-ish',
        { type: 'module', exports: './index.js' },
        {
          'index.js': 'export default function pad(s) { return s; }\n',
        },
      );
      await project.addPackage(
        'retouch-provider-empty',
        { type: 'module' },
        { 'index.js': pluginModuleSource('empty') },
      );
      const notPlugin = await runCli(
        ['edit', join(dir, 'photo.png'), '--prompt', 'x', '--provider', 'left-pad-ish'],
        {
          cwd: project.dir,
        },
      );
      expect(notPlugin.code).toBe(2);
      expect(parseJsonOutput(notPlugin.stderr).error.message).toMatch(
        /"left-pad-ish" is not a Retouch provider plugin/,
      );

      // A real plugin is loaded and used: this one lists no models, which the CLI reports.
      const plugin = await runCli(
        ['edit', join(dir, 'photo.png'), '--prompt', 'x', '--provider', 'retouch-provider-empty'],
        {
          cwd: project.dir,
        },
      );
      expect(plugin.code).toBe(2);
      expect(parseJsonOutput(plugin.stderr).error.message).toMatch(
        /empty lists no models.*--model/,
      );
    } finally {
      await project.remove();
    }
  });

  it('shows help per command and refuses unknown flags', async () => {
    const help = await runCli(['edit', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: retouch edit <image…> --prompt/);
    const typo = await runCli(['edit', 'photo.png', '--prompt', 'x', '--colour', 'red'], {
      cwd: dir,
      env: openaiEnv(),
    });
    expect(typo.code).toBe(2);
    expect(parseJsonOutput(typo.stderr).error.message).toMatch(/--colour.*retouch edit --help/s);
  });
});
