import type { ServerResponse } from 'node:http';
import { editImage, type RetouchError } from '@retouch/core';
import { type HostileServer, startHostileServer } from '@retouch/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testApiKey } from './__fixtures__/emulator-fixture.js';
import { solidPng } from './__fixtures__/test-images.js';
import { createOpenAICompatibleProvider } from './openai-compatible-provider.js';

// A chat gateway (hostile) on loopback, and another service on the same machine that its answers
// try to make the client call: an admin page, a router, a metadata service.
let gateway: HostileServer;
let internal: HostileServer;
let png: Buffer;

beforeAll(async () => {
  [gateway, internal] = await Promise.all([startHostileServer(), startHostileServer()]);
  png = await solidPng(16, 16, [10, 20, 30]);
});
afterAll(() => Promise.all([gateway.close(), internal.close()]));
beforeEach(() => {
  gateway.reset();
  internal.reset();
  internal.route('GET', '/admin', ({ response }) => {
    response.writeHead(200, { 'content-type': 'image/png' }).end(png);
  });
  gateway.route('GET', '/files/own.png', ({ response }) => {
    response.writeHead(200, { 'content-type': 'image/png' }).end(png);
  });
  gateway.route('GET', '/files/moved.png', ({ response }) => {
    response.writeHead(302, { location: `${internal.origin}/admin` }).end();
  });
});

function answerWith(message: Record<string, unknown>) {
  gateway.route('POST', '/v1/chat/completions', ({ response }: { response: ServerResponse }) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', ...message } }],
      }),
    );
  });
}

const edit = async () =>
  editImage({
    provider: createOpenAICompatibleProvider({
      baseURL: `${gateway.origin}/v1`,
      apiKey: testApiKey,
      wire: 'chat',
    }),
    model: 'gpt-image-2',
    prompt: 'invert it',
    images: png,
    maxRetries: 0,
  });

const refused = async () => {
  const error: RetouchError = await edit().catch((caught) => caught);
  expect(error).toMatchObject({ code: 'invalid_response' });
  expect(internal.requests).toHaveLength(0);
  return error;
};

describe('a chat answer that points its image at the local network', () => {
  it('by a markdown link: refused, naming the rule, with nothing sent there', async () => {
    answerWith({ content: `Here you go: ![edited](${internal.origin}/admin)` });
    const error = await refused();
    expect(error.message).toContain('rule: private-network');
  });

  it('by message.images: refused the same way', async () => {
    answerWith({
      content: 'Done.',
      images: [{ type: 'image_url', image_url: { url: `${internal.origin}/admin` } }],
    });
    const error = await refused();
    expect(error.message).toContain('rule: private-network');
  });

  it("by a redirect from the gateway's own file to the other service: refused at that hop", async () => {
    answerWith({ content: `![edited](${gateway.origin}/files/moved.png)` });
    const error = await refused();
    expect(error.message).toContain('where a redirect pointed');
    expect(gateway.requests.some((request) => request.path === '/files/moved.png')).toBe(true);
  });

  it('over plain http to a public host: refused by the https rule', async () => {
    answerWith({ content: '![edited](http://8.8.8.8/edited.png)' });
    const error = await refused();
    expect(error.message).toContain('rule: https-only');
  });

  it("an image on the gateway's own origin is still fetched", async () => {
    answerWith({ content: `![edited](${gateway.origin}/files/own.png)` });
    const result = await edit();
    expect(Buffer.from(result.images[0]!.data).equals(png)).toBe(true);
  });
});
