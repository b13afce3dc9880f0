import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundles } from '../../scripts/bundles.mjs';
import { writeLibheifWasm } from '../../scripts/image-codec-chunk.mjs';
import { sharpBinaries } from '../../scripts/sharp-binaries.mjs';
import { currentTarget } from '../../scripts/vsix-targets.mjs';

const root = join(import.meta.dirname, '../..');
const heicFixture = join(root, '../../packages/core/src/image/__fixtures__/phone.heic');

/** Loads dist/image-codec.js as the runtime does, and prepares a sideways JPEG and a HEIC. */
const useCodec = `
const { createSharpCodec } = require('./image-codec.js');
const codec = createSharpCodec();
(async () => {
  const upright = await codec.transcode(Buffer.from(process.argv[1], 'base64'), { format: 'jpeg', maxEdge: 150 });
  const heic = await codec.transcode({ path: process.argv[2] }, { format: 'jpeg', quality: 85 });
  console.log(JSON.stringify({
    name: codec.name,
    upright: [upright.width, upright.height, upright.mediaType],
    heic: [heic.width, heic.height, heic.mediaType, Buffer.from(heic.data).toString('base64')],
  }));
})();`;

// The bundles as the build makes them, in a folder of their own (a test never touches dist/,
// which turbo's build may be writing), laid out as the .vsix lays them out for this machine.
let outdir: string;
let inputs: Record<string, string[]>;
beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'retouch-codec-chunk-'));
  const { extension, codecChunk } = bundles({ root, outdir });
  const built = await Promise.all([esbuild.build(extension), esbuild.build(codecChunk)]);
  inputs = {};
  for (const result of built) {
    for (const [file, output] of Object.entries(result.metafile!.outputs)) {
      inputs[file.replace(/^.*[\\/]/, '')] = Object.keys(output.inputs);
    }
  }
  await writeLibheifWasm(outdir, root);
  const packages = sharpBinaries(currentTarget(), {
    extensionDir: root,
    repoDir: join(root, '../..'),
    cacheDir: join(root, '.cache/sharp-binaries'),
  });
  for (const [name, dir] of Object.entries(packages)) {
    cpSync(dir, join(outdir, 'node_modules', ...name.split('/')), { recursive: true });
  }
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const codecModules = /sharp|heic|libheif|[\\/]image[\\/]sharp-codec\.js$/;

describe('the image codec chunk', () => {
  it('is in neither the activation file nor the edit runtime, which loads it on first need', () => {
    expect(inputs['extension.js']?.filter((input) => codecModules.test(input))).toEqual([]);
    expect(inputs['edit-runtime.js']?.filter((input) => codecModules.test(input))).toEqual([]);
    const activation = readFileSync(join(outdir, 'extension.js'), 'utf8');
    expect(activation).not.toContain('image-codec');
    // The runtime names the chunk once, in the import core makes when an input needs preparing.
    const runtime = readFileSync(join(outdir, 'edit-runtime.js'), 'utf8');
    expect(runtime.match(/image-codec\.js/g)).toEqual(['image-codec.js']);
    expect(runtime).toMatch(/import\("\.\/image-codec\.js"\)/);
    expect(runtime).not.toMatch(/require\("(sharp|heic-decode)"\)/);
  });

  it('holds sharp and libheif, and no native binary (those come per platform)', () => {
    const chunk = inputs['image-codec.js'] ?? [];
    expect(chunk.some((input) => /[\\/]sharp[\\/]dist[\\/]sharp\.cjs$/.test(input))).toBe(true);
    expect(chunk.some((input) => /libheif-wasm[\\/]libheif\.js$/.test(input))).toBe(true);
    expect(chunk.some((input) => /libheif-bundle/.test(input))).toBe(false);
    expect(chunk.some((input) => input.endsWith('.node'))).toBe(false);
  });

  it('turns a camera JPEG upright and reads a phone HEIC, from the .vsix layout alone', async () => {
    const sideways = await sharp({
      create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 40, b: 40 } },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    // In a Node of its own, in the bundles' folder: only what the .vsix holds can be found.
    const said = execFileSync(
      process.execPath,
      ['-e', useCodec, sideways.toString('base64'), heicFixture],
      {
        cwd: outdir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    const { name, upright, heic } = JSON.parse(said) as {
      name: string;
      upright: [number, number, string];
      heic: [number, number, string, string];
    };
    expect(name).toMatch(/^sharp [\d.]+ \(libvips [\d.]+, native\)$/);
    expect(upright).toEqual([100, 150, 'image/jpeg']);
    expect(heic.slice(0, 3)).toEqual([480, 360, 'image/jpeg']);
    const { data } = await sharp(Buffer.from(heic[3], 'base64'))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const [r, g, b] = [data[0]!, data[1]!, data[2]!]; // top left: the red half
    expect(r).toBeGreaterThan(150);
    expect(Math.max(g, b)).toBeLessThan(100);
  });

  it("fails in one plain line where the platform's binaries are missing", () => {
    // In a Node of its own: the test runner's resolver would find the workspace's sharp.
    const bare = mkdtempSync(join(tmpdir(), 'retouch-codec-bare-'));
    try {
      cpSync(join(outdir, 'image-codec.js'), join(bare, 'image-codec.js'));
      const said = execFileSync(
        process.execPath,
        ['-e', "try { require('./image-codec.js') } catch (error) { console.log(error.message) }"],
        { cwd: bare, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
      );
      expect(said.trim()).toBe(
        `this install of Retouch has no image codec for ${process.platform}-${process.arch} (sharp's native files are missing)`,
      );
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
