import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undiciLite, undiciProxyChunk, writeLlhttpWasm } from '../../scripts/esbuild-plugins.mjs';

const core = join(dirname(fileURLToPath(import.meta.url)), '../../../../packages/core');

interface Runtime {
  proxyLoadedAtStart: boolean;
  get(url: string, dispatcher: 'agent' | 'proxy' | 'env-proxy', proxy?: string): Promise<string>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }),
  );
}

describe('undici proxy agents as a lazy chunk (scripts/esbuild-plugins.mjs)', () => {
  let dir: string;
  let target: Server;
  let proxy: Server;
  let targetUrl: string;
  let proxyUrl: string;
  const tunnels: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retouch-lazy-undici-proxy-'));
    const runtime = {
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    } as const;
    // What core's dispatcher cache and HTTP client take from undici, bundled as the runtime
    // bundles them, and the proxy chunk built as scripts/bundles.mjs builds it.
    await esbuild.build({
      ...runtime,
      stdin: {
        contents: `import { Agent, EnvHttpProxyAgent, ProxyAgent, request } from 'undici';
          export const proxyLoadedAtStart = Object.keys(require.cache).some((f) => f.endsWith('undici-proxy.js'));
          export async function get(url, kind, proxy) {
            const dispatcher = kind === 'agent' ? new Agent()
              : kind === 'proxy' ? new ProxyAgent({ uri: proxy })
              : new EnvHttpProxyAgent({ httpProxy: proxy, httpsProxy: proxy, noProxy: '' });
            try {
              const response = await request(url, { dispatcher });
              return response.statusCode + ' ' + (await response.body.text());
            } finally {
              await dispatcher.close();
            }
          }`,
        resolveDir: core,
      },
      outfile: join(dir, 'runtime.js'),
      plugins: [undiciLite],
    });
    await mkdir(join(dir, 'lazy'));
    await esbuild.build(undiciProxyChunk(runtime, core, join(dir, 'lazy', 'undici-proxy.js')));
    await writeLlhttpWasm(dir, core);
    await writeFile(join(dir, 'package.json'), '{}');

    target = createServer((req, res) => res.end(`hello ${req.url}`));
    targetUrl = await listen(target);
    // A tunnelling proxy, as a corporate one is: it answers CONNECT and pipes the bytes.
    proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, client, head) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    proxyUrl = await listen(proxy);
  });

  afterAll(async () => {
    proxy?.closeAllConnections();
    target?.closeAllConnections();
    await Promise.all([
      new Promise((resolve) => proxy?.close(resolve)),
      new Promise((resolve) => target?.close(resolve)),
    ]);
    await rm(dir, { recursive: true, force: true });
  });

  it('goes direct without loading the chunk, then loads it for the first proxied request', async () => {
    const require = createRequire(join(dir, 'package.json'));
    const runtime = require('./runtime.js') as Runtime;
    const chunkLoaded = () =>
      Object.keys(require.cache).some((file) => file.endsWith('/lazy/undici-proxy.js'));
    expect(runtime.proxyLoadedAtStart).toBe(false);

    expect(await runtime.get(`${targetUrl}/direct`, 'agent')).toBe('200 hello /direct');
    expect(chunkLoaded()).toBe(false);
    expect(tunnels).toEqual([]);

    const host = new URL(targetUrl).host;
    expect(await runtime.get(`${targetUrl}/proxied`, 'proxy', proxyUrl)).toBe('200 hello /proxied');
    expect(tunnels).toEqual([host]);
    expect(chunkLoaded()).toBe(true);

    expect(await runtime.get(`${targetUrl}/from-env`, 'env-proxy', proxyUrl)).toBe(
      '200 hello /from-env',
    );
    expect(tunnels).toEqual([host, host]);
  });
});
