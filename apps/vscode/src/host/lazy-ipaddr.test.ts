import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipaddrChunk } from '../../scripts/esbuild-plugins.mjs';

const core = join(dirname(fileURLToPath(import.meta.url)), '../../../../packages/core');

describe('ipaddr.js as a lazy chunk (scripts/esbuild-plugins.mjs)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retouch-lazy-ipaddr-'));
    // Core's own result URL rules (the only user of ipaddr.js), bundled as the runtime bundles
    // them, and the chunk built as scripts/bundles.mjs builds it.
    await esbuild.build({
      stdin: {
        contents: `export { checkResultUrl } from './dist/http/result-url-rules.js';
          export const loadedAtStart = () => Object.keys(require.cache).some((f) => f.endsWith('ipaddr.js'));`,
        resolveDir: core,
      },
      outfile: join(dir, 'runtime.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      plugins: [ipaddrChunk],
      logLevel: 'silent',
    });
    await mkdir(join(dir, 'lazy'));
    await esbuild.build({
      stdin: { contents: "module.exports = require('ipaddr.js');", resolveDir: core },
      outfile: join(dir, 'lazy', 'ipaddr.js'),
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

  it('loads the chunk only when a result URL is first checked, and refuses a private address', async () => {
    const require = createRequire(join(dir, 'package.json'));
    const runtime = require('./runtime.js') as {
      loadedAtStart(): boolean;
      checkResultUrl(
        url: URL,
        origins: readonly string[],
        resolve?: (host: string) => Promise<string[]>,
      ): Promise<{ rule: string; reason: string } | undefined>;
    };
    expect(runtime.loadedAtStart()).toBe(false);
    const origins = ['https://api.example.com'];
    // A public-looking name resolving to loopback (IPv4-mapped IPv6) is caught.
    const mapped = await runtime.checkResultUrl(
      new URL('https://cdn.example.net/a.png'),
      origins,
      async () => ['::ffff:127.0.0.1'],
    );
    expect(mapped?.rule).toBe('private-network');
    expect(mapped?.reason).toContain('a loopback address');
    expect(
      (await runtime.checkResultUrl(new URL('https://192.168.1.20/a.png'), origins))?.reason,
    ).toContain('a private-network address');
    expect(await runtime.checkResultUrl(new URL('https://8.8.8.8/a.png'), origins)).toBeUndefined();
    expect(Object.keys(require.cache).some((file) => file.endsWith('/lazy/ipaddr.js'))).toBe(true);
  });
});
