import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRetouchError, type RetouchError } from '../errors/retouch-error.js';
import { createTestPng } from '../testing/create-test-png.js';
import { type HostileServer, startHostileServer } from '../testing/hostile-server.js';
import { guardedDownload } from './guarded-download.js';
import { createHttpClient } from './http-client.js';
import { addressKind, checkResultUrl } from './result-url-rules.js';

const client = createHttpClient({ provider: 'gateway' });
let endpoint: HostileServer;
/** Another service on the same machine: what a hostile answer tries to reach. */
let internal: HostileServer;
let png: Uint8Array;

beforeAll(async () => {
  [endpoint, internal] = await Promise.all([startHostileServer(), startHostileServer()]);
  png = await createTestPng(4, 4);
  const image =
    () =>
    ({ response }: { response: import('node:http').ServerResponse }) => {
      response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    };
  endpoint.route('GET', '/files/result.png', image());
  endpoint.route('GET', '/files/moved.png', ({ response }) => {
    response.writeHead(302, { location: `${internal.origin}/admin` }).end();
  });
  endpoint.route('GET', '/files/to-localhost.png', ({ response }) => {
    response
      .writeHead(302, { location: `https://localhost:${new URL(internal.origin).port}/` })
      .end();
  });
  internal.route('GET', '/admin', image());
  internal.route('GET', '/', image());
});

afterAll(async () => {
  await client.close();
  await Promise.all([endpoint.close(), internal.close()]);
});

const download = (url: string, resolveHost?: (name: string) => Promise<string[]>) =>
  guardedDownload(url, {
    client,
    provider: 'gateway',
    maxBytes: 1024 * 1024,
    endpointOrigins: [`${endpoint.origin}/v1`],
    ...(resolveHost ? { resolveHost } : {}),
  });

async function refusal(url: string, resolveHost?: (name: string) => Promise<string[]>) {
  const error = await download(url, resolveHost).catch((caught: unknown) => caught);
  expect(isRetouchError(error)).toBe(true);
  const refused = error as RetouchError;
  expect(refused).toMatchObject({ code: 'invalid_response', retryable: false });
  return { message: refused.message, rule: refused.issues[0]?.message };
}

describe('result URLs from a provider answer', () => {
  it("are fetched from the endpoint's own origin, even on loopback over http", async () => {
    const { bytes } = await download(endpoint.url('/files/result.png'));
    expect(Buffer.from(bytes).equals(Buffer.from(png))).toBe(true);
  });

  it('are refused on another loopback service, and nothing is sent there', async () => {
    const before = internal.requests.length;
    const { message, rule } = await refusal(internal.url('/admin'));
    expect(rule).toBe('private-network');
    expect(message).toContain('loopback address 127.0.0.1');
    expect(message).toContain('(rule: private-network)');
    expect(internal.requests.length).toBe(before);
  });

  it('are checked hop by hop: a redirect from the endpoint to a private service is refused', async () => {
    const before = internal.requests.length;
    const { message, rule } = await refusal(endpoint.url('/files/moved.png'));
    expect(rule).toBe('private-network');
    expect(message).toContain('where a redirect pointed');
    expect(internal.requests.length).toBe(before);
  });

  it('judge a host name by the addresses it resolves to, not by how it looks', async () => {
    const before = internal.requests.length;
    const { rule, message } = await refusal(endpoint.url('/files/to-localhost.png'));
    expect(rule).toBe('private-network');
    expect(message).toMatch(/localhost \((127\.0\.0\.1|::1)\)/);
    const rebound = await refusal('https://images.example/cat.png', async () => [
      '93.184.216.34',
      '10.0.0.7',
    ]);
    expect(rebound.message).toContain('private-network address images.example (10.0.0.7)');
    expect(internal.requests.length).toBe(before);
  });

  it.each([
    ['https://10.1.2.3/a.png', 'private-network address'],
    ['https://192.168.1.1/a.png', 'private-network address'],
    ['https://172.20.0.1/a.png', 'private-network address'],
    ['https://169.254.169.254/latest/meta-data', 'link-local address'],
    ['https://[::1]/a.png', 'loopback address'],
    ['https://[fd12:3456::1]/a.png', 'unique-local address'],
    ['https://[fe80::1]/a.png', 'link-local address'],
    ['https://[::ffff:127.0.0.1]/a.png', 'loopback address'],
    ['https://[::ffff:a9fe:a9fe]/a.png', 'link-local address'],
    ['https://0.0.0.0/a.png', 'unspecified address'],
  ])('refuse %s (%s) before connecting', async (url, kind) => {
    const { message, rule } = await refusal(url);
    expect(rule).toBe('private-network');
    expect(message).toContain(kind);
  });

  it('are refused over plain http anywhere but the endpoint', async () => {
    const { message, rule } = await refusal('http://8.8.8.8/a.png');
    expect(rule).toBe('https-only');
    expect(message).toContain('(rule: https-only)');
  });

  it('pass https on a public address', async () => {
    const publicName = async () => ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'];
    expect(await checkResultUrl(new URL('https://cdn.example/a.png'), [], publicName)).toBe(
      undefined,
    );
    expect(addressKind('2606:2800:220:1:248:1893:25c8:1946')).toBe(undefined);
  });
});

describe('a URL the user gave (no endpoint origins)', () => {
  it('is fetched from loopback as before', async () => {
    const { bytes } = await guardedDownload(internal.url('/admin'), {
      client,
      provider: 'retouch',
      maxBytes: 1024 * 1024,
    });
    expect(Buffer.from(bytes).equals(Buffer.from(png))).toBe(true);
  });
});
