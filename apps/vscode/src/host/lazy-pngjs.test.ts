import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngjsChunk } from '../../scripts/esbuild-plugins.mjs';

const core = join(dirname(fileURLToPath(import.meta.url)), '../../../../packages/core');

/** A 2×1 PNG, red then half-transparent blue, written by core's own pngjs. */
function twoPixels(): Buffer {
  const { PNG } = createRequire(join(core, 'package.json'))('pngjs') as {
    PNG: { sync: { write(png: { width: number; height: number; data: Buffer }): Buffer } };
  };
  return PNG.sync.write({
    width: 2,
    height: 1,
    data: Buffer.from([255, 0, 0, 255, 0, 0, 255, 128]),
  });
}

describe('pngjs as a lazy chunk (scripts/esbuild-plugins.mjs)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retouch-lazy-pngjs-'));
    // A module that uses pngjs as core's flattenMarkup does, bundled with the plugin, and the
    // chunk built as scripts/build.mjs builds it.
    await esbuild.build({
      stdin: {
        contents: `import { PNG } from 'pngjs';
          export const loadedAtStart = () => Object.keys(require.cache).some((f) => f.endsWith('pngjs.js'));
          export const read = (bytes) => PNG.sync.read(bytes);`,
        resolveDir: core,
      },
      outfile: join(dir, 'runtime.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      plugins: [pngjsChunk],
      logLevel: 'silent',
    });
    await mkdir(join(dir, 'lazy'));
    await esbuild.build({
      stdin: { contents: "module.exports = require('pngjs');", resolveDir: core },
      outfile: join(dir, 'lazy', 'pngjs.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
    });
    await writeFile(join(dir, 'package.json'), '{}');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the chunk only when a PNG is first decoded, and decodes it as pngjs does', () => {
    const require = createRequire(join(dir, 'package.json'));
    const runtime = require('./runtime.js') as {
      loadedAtStart(): boolean;
      read(bytes: Buffer): { width: number; height: number; data: Buffer };
    };
    expect(runtime.loadedAtStart()).toBe(false);
    const png = runtime.read(twoPixels());
    expect([png.width, png.height]).toEqual([2, 1]);
    expect([...png.data]).toEqual([255, 0, 0, 255, 0, 0, 255, 128]);
    expect(Object.keys(require.cache).some((file) => file.endsWith('/lazy/pngjs.js'))).toBe(true);
  });
});
