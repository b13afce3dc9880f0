import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HostileServer, hostile, startHostileServer } from '@retouch/core/testing';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undiciLite, writeLlhttpWasm } from '../../scripts/esbuild-plugins.mjs';

const core = join(dirname(fileURLToPath(import.meta.url)), '../../../../packages/core');

/** What both clients (the bundled one and undici as published) answer for one GET. */
interface Client {
  get(url: string, readSlowly?: boolean): Promise<{ status: number; bytes: number }>;
}

// The same code over undici as the runtime bundles it and over undici itself.
const clientSource = (undici: string) => `
  const { Agent, request } = ${undici};
  exports.get = async (url, readSlowly) => {
    const dispatcher = new Agent();
    try {
      const response = await request(url, { dispatcher });
      let bytes = 0;
      for await (const chunk of response.body) {
        bytes += chunk.byteLength;
        // A slow reader makes undici pause the parser until the body is read on.
        if (readSlowly) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return { status: response.statusCode, bytes };
    } finally {
      await dispatcher.close();
    }
  };`;

describe("undici as the edit runtime bundles it, with llhttp's constants cut down", () => {
  let dir: string;
  let server: HostileServer;
  let bundled: Client;
  let published: Client;
  let metafile: esbuild.Metafile;
  let output: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retouch-undici-lite-'));
    const built = await esbuild.build({
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
      metafile: true,
      stdin: { contents: clientSource("require('undici')"), resolveDir: core },
      outfile: join(dir, 'runtime.js'),
      plugins: [undiciLite],
    });
    metafile = built.metafile;
    await writeLlhttpWasm(dir, core);
    await writeFile(join(dir, 'package.json'), '{}');
    output = await readFile(join(dir, 'runtime.js'), 'utf8');
    const undici = createRequire(join(core, 'package.json')).resolve('undici');
    await writeFile(join(dir, 'published.js'), clientSource(`require(${JSON.stringify(undici)})`));
    const require = createRequire(join(dir, 'package.json'));
    bundled = require('./runtime.js') as Client;
    published = require('./published.js') as Client;
    server = await startHostileServer();
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('carries only the enums the HTTP/1.1 client reads, not the parser generator tables', () => {
    const constants = Object.entries(metafile.inputs).filter(([file]) =>
      file.endsWith('llhttp/constants.js'),
    );
    expect(constants).toHaveLength(1);
    expect(constants[0]![1].bytes).toBeLessThan(2000);
    expect(output).toContain('PAUSED_UPGRADE');
    for (const table of ['HEADER_CHARS', 'METHODS_RTSP', 'STATUSES_HTTP', 'SPECIAL_HEADERS']) {
      expect(output).not.toContain(table);
    }
  });

  it('reads a large body with a slow reader (the parser pauses and resumes) as undici does', async () => {
    const size = 4 * 1024 * 1024;
    server.route('GET', '/large', hostile.endless({ stopAfterBytes: size }));
    const got = await bundled.get(server.url('/large'), true);
    expect(got).toEqual({ status: 200, bytes: size });
    expect(await published.get(server.url('/large'), true)).toEqual(got);
  });

  it('refuses an answer that is not HTTP/1.1 with the same error as undici', async () => {
    server.route('GET', '/garbage', ({ request }) => {
      request.socket.end('HTTP/1.1 200 OK\r\nContent-Length: twelve\r\n\r\nnot a number');
    });
    const failure = (client: Client) =>
      client.get(server.url('/garbage')).then(
        () => undefined,
        (error: Error & { code?: string }) => ({
          name: error.name,
          message: error.message,
          code: error.code,
        }),
      );
    const bundledFailure = await failure(bundled);
    expect(bundledFailure?.message).toMatch(/does not match the HTTP\/1\.1 protocol/);
    expect(bundledFailure).toEqual(await failure(published));
  });
});
