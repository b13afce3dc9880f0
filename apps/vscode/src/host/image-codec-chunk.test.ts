import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
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

interface Codec {
  name: string;
  transcode(
    source: { path: string } | Uint8Array,
    options: { format: 'jpeg' | 'png'; maxEdge?: number; quality?: number },
  ): Promise<{ width: number; height: number; mediaType: string; data: Uint8Array }>;
}

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
    const load = createRequire(join(outdir, 'package.json'));
    const codec = (load('./image-codec.js') as { createSharpCodec(): Codec }).createSharpCodec();
    expect(codec.name).toMatch(/^sharp [\d.]+ \(libvips [\d.]+, native\)$/);

    const sideways = await sharp({
      create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 40, b: 40 } },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const upright = await codec.transcode(sideways, { format: 'jpeg', maxEdge: 150 });
    expect([upright.width, upright.height, upright.mediaType]).toEqual([100, 150, 'image/jpeg']);

    const heic = await codec.transcode({ path: heicFixture }, { format: 'jpeg', quality: 85 });
    expect([heic.width, heic.height, heic.mediaType]).toEqual([480, 360, 'image/jpeg']);
    const { data } = await sharp(heic.data).raw().toBuffer({ resolveWithObject: true });
    const [r, g, b] = [data[0]!, data[1]!, data[2]!]; // top left: the red half
    expect(r).toBeGreaterThan(150);
    expect(Math.max(g, b)).toBeLessThan(100);
  });
});
