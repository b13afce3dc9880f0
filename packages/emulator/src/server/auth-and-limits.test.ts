import { describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import { form, useEmulator } from '../test-support/emulator.js';
import { squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator({ apiKey: ['k1', 'k2'], maxBodyBytes: 4096 });
const edit = async (headers: Record<string, string>, image?: Buffer) =>
  fetch(`${emulator().url}/v1/images/edits`, {
    method: 'POST',
    headers,
    body: form({ image: image ?? (await squareOnWhite(8)), prompt: 'invert' }),
  });

describe('auth, body limit and latency', () => {
  it('accepts Bearer, Key and api-key with any configured key', async () => {
    expect((await edit({ authorization: 'Bearer k1' })).status).toBe(200);
    expect((await edit({ authorization: 'Key k2' })).status).toBe(200);
    expect((await edit({ 'api-key': 'k1' })).status).toBe(200);
  });

  it('answers 401 in the OpenAI envelope for a missing or wrong key', async () => {
    const missing = await edit({});
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.message).toMatch(/didn't provide an API key/);
    const wrong = await edit({ authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toMatchObject({
      code: 'invalid_api_key',
      type: 'invalid_request_error',
    });
  });

  it('answers 413 for a body over maxBodyBytes', async () => {
    const big = Buffer.concat([await squareOnWhite(8), Buffer.alloc(8000)]);
    const res = await edit({ authorization: 'Bearer k1' }, big);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('request_too_large');
  });

  it('adds latencyMs to API answers but not to admin calls', async () => {
    const slow = await startEmulator({ latencyMs: 400 });
    try {
      let started = Date.now();
      await fetch(`${slow.url}/v1/queue/m/requests/x/status`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      started = Date.now();
      await fetch(`${slow.url}/__admin/requests`);
      expect(Date.now() - started).toBeLessThan(390);
    } finally {
      await slow.close();
    }
  });

  it('builds absolute URLs on the origin the client used', async () => {
    const origin = emulator().url.replace('127.0.0.1', 'localhost');
    const res = await fetch(`${origin}/v1/queue/m`, {
      method: 'POST',
      headers: { authorization: 'Key k1', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x', images: ['data:image/png;base64,AA=='] }),
    });
    expect((await res.json()).status_url.startsWith(`${origin}/v1/queue/m/requests/`)).toBe(true);
  });
});
