import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SwitchableProxy, startSwitchableProxy } from './switchable-proxy.js';

let backend: Server;
let proxy: SwitchableProxy;
let served = 0;
beforeAll(async () => {
  backend = createServer((request, response) => {
    served += 1;
    if (request.url === '/slow') {
      // Answers headers, then keeps the body open: a request in flight when the proxy goes down.
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('partial');
      return;
    }
    response.end(`served ${request.url}`);
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const { port } = backend.address() as AddressInfo;
  proxy = await startSwitchableProxy(new URL(`http://127.0.0.1:${port}`));
});
afterAll(async () => {
  await proxy.close();
  backend.closeAllConnections();
  await new Promise<void>((resolve) => backend.close(() => resolve()));
});

const causeCode = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code ?? String(error);

describe('a switchable proxy in front of a server', () => {
  it('passes requests through, refuses connections while down, and is back on the same address', async () => {
    const origin = proxy.origin;
    expect(await (await fetch(`${origin}/a`)).text()).toBe('served /a');

    await proxy.down();
    const refused = await fetch(`${origin}/b`).catch((error: unknown) => error);
    expect(causeCode(refused)).toBe('ECONNREFUSED');

    await proxy.up();
    expect(proxy.origin).toBe(origin);
    expect(await (await fetch(`${origin}/c`)).text()).toBe('served /c');
    // The request made while down never reached the server behind.
    expect(served).toBe(2);
  });

  it('cuts a connection that is open when it goes down, while the server behind carries on', async () => {
    const response = await fetch(`${proxy.origin}/slow`);
    const reading = response.text().catch((error: unknown) => error);
    await proxy.down();
    expect(await reading).toBeInstanceOf(Error);
    await proxy.up();
    expect(await (await fetch(`${proxy.origin}/d`)).text()).toBe('served /d');
  });

  it('taken down twice is harmless: it comes back all the same', async () => {
    await proxy.down();
    await proxy.down();
    await proxy.up();
    expect((await fetch(`${proxy.origin}/e`)).status).toBe(200);
  });
});
