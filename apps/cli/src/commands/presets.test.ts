import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir, pixelAt, readPixels } from '../test-support/images.js';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';
import { presetsCommand } from './presets.js';

const key = 'sk-test-cli-presets-4b1e9d';

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await createWorkDir();
  await writeFile(
    join(dir, 'retouch.config.json'),
    JSON.stringify({
      presets: [
        { name: 'web-sepia', prompt: 'sepia tone', options: { outputFormat: 'webp', n: 2 } },
        { name: 'broken', prompt: 'x', options: { format: 'png' } },
      ],
    }),
  );
});
afterEach(async () => {
  emulator.reset();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ RETOUCH_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: key });

describe('retouch presets (built CLI)', () => {
  it("lists the config file's presets first, then the built-in ones, and says which it left out", async () => {
    const run = await runCli(['presets', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.configPath).toBe(join(dir, 'retouch.config.json'));
    expect(out.presets[0]).toEqual({
      name: 'web-sepia',
      prompt: 'sepia tone',
      options: { outputFormat: 'webp', n: 2 },
      source: 'user',
    });
    const names = out.presets.map((preset: { name: string }) => preset.name);
    expect(names).toEqual(
      expect.arrayContaining(['remove-background', 'product-shot-white', 'fix-lighting']),
    );
    expect(names).not.toContain('broken');
    expect(out.problems).toEqual([expect.stringMatching(/preset 2 \("broken"\).*format/)]);
  });

  it("lists them for people on a terminal, where a config file's text cannot drive it", async () => {
    await writeFile(
      join(dir, 'retouch.config.json'),
      JSON.stringify({
        presets: [{ name: 'loud', prompt: 'sepia\u001b[2J\u001b]0;owned\u0007 tone' }],
      }),
    );
    let printed = '';
    const terminal = {
      isTTY: true,
      write: (text: string, done: () => void) => {
        printed += text;
        done();
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    const code = await presetsCommand(
      {
        env: { XDG_CONFIG_HOME: join(dir, '.no-config') },
        cwd: dir,
        stdout: terminal,
        stderr: terminal,
        machine: false,
        secrets: new Set(),
      },
      [],
    );
    expect(code).toBe(0);
    expect(printed).toMatch(/^7 prompt presets \(6 built-in, 1 from .*retouch\.config\.json\)/);
    expect(printed).toContain('loud  (yours)\n  prompt   sepia tone\n');
    expect(printed).toContain('  options  background transparent, format png\n');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('refuses a config file whose presets are not a list', async () => {
    await writeFile(join(dir, 'retouch.config.json'), JSON.stringify({ presets: { a: 1 } }));
    const run = await runCli(['presets', '--json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(parseJsonOutput(run.stderr).error.message).toMatch(/"presets" must be a list/);
  });
});

describe('retouch edit --preset (built CLI against the emulator)', () => {
  it("edits with a config preset's prompt and options", async () => {
    const run = await runCli(['edit', 'photo.png', '--preset', 'Web Sepia', '--sidecar'], {
      cwd: dir,
      env: env(),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out).toMatchObject({ ok: true, prompt: 'sepia tone', preset: 'web-sepia' });
    expect(out.outputs.map((o: { path: string }) => o.path)).toEqual([
      join(dir, 'photo.retouch-1.webp'),
      join(dir, 'photo.retouch-2.webp'),
    ]);
    // Sepia: red above green above blue, where the sample was not already so.
    const [r, g, b] = pixelAt(await readPixels(join(dir, 'photo.retouch-1.webp')), 256, 100);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
    const sidecar = JSON.parse(await readFile(join(dir, 'photo.retouch-1.webp.json'), 'utf8'));
    expect(sidecar).toMatchObject({
      prompt: 'sepia tone',
      options: { outputFormat: 'webp', n: 2 },
    });
  });

  it('edits with a built-in preset: remove-background gives a transparent PNG', async () => {
    // A product on a plain white backdrop, as a shop photo would be.
    const product = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 30, g: 90, b: 200 } },
    })
      .png()
      .toBuffer();
    await sharp({ create: { width: 256, height: 256, channels: 3, background: '#ffffff' } })
      .composite([{ input: product, left: 96, top: 96 }])
      .jpeg()
      .toFile(join(dir, 'product.jpg'));
    const run = await runCli(
      ['edit', 'product.jpg', '--preset', 'remove-background', '--sidecar'],
      {
        cwd: dir,
        env: env(),
      },
    );
    expect(run.code).toBe(0);
    expect(parseJsonOutput(run.stdout).prompt).toMatch(/^Remove the background completely/);
    const output = join(dir, 'product.retouch-1.png');
    const { data, info } = await sharp(output)
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    expect(data[3]).toBe(0); // the white backdrop is see-through
    const centre = ((info.height >> 1) * info.width + (info.width >> 1)) * 4 + 3;
    expect(data[centre]).toBe(255); // the product is not
    const sidecar = JSON.parse(await readFile(`${output}.json`, 'utf8'));
    expect(sidecar.options).toEqual({ background: 'transparent', outputFormat: 'png' });
  });

  it("lets --prompt and option flags override the preset's", async () => {
    const run = await runCli(
      [
        'edit',
        'photo.png',
        '--preset',
        'web-sepia',
        '--format',
        'jpeg',
        '--n',
        '1',
        '--prompt',
        'invert',
        '--sidecar',
      ],
      { cwd: dir, env: env() },
    );
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.prompt).toBe('invert');
    expect(out.outputs.map((o: { path: string }) => o.path)).toEqual([
      join(dir, 'photo.retouch-1.jpg'),
    ]);
    const sidecar = JSON.parse(await readFile(join(dir, 'photo.retouch-1.jpg.json'), 'utf8'));
    expect(sidecar.options).toEqual({ outputFormat: 'jpeg', n: 1 });
  });

  it('refuses an unknown preset before sending anything, and lists the choices', async () => {
    const run = await runCli(['edit', 'photo.png', '--preset', 'sepai'], { cwd: dir, env: env() });
    expect(run.code).toBe(2);
    const { message } = parseJsonOutput(run.stderr).error;
    expect(message).toMatch(/no preset named "sepai"/);
    expect(message).toMatch(/web-sepia, remove-background/);
    expect(message).toMatch(/1 preset was left out/);
    expect(emulator.requests).toEqual([]);
  });
});
