import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import { dataUrl, form, readSse, useEmulator } from '../test-support/emulator.js';
import { squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator({ jobDurationMs: 60 });
const edit = async () =>
  fetch(`${emulator().url}/v1/images/edits`, {
    method: 'POST',
    body: form({ image: await squareOnWhite(16), prompt: 'invert' }),
  });
const submit = async () =>
  fetch(`${emulator().url}/v1/queue/m`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'x', images: [dataUrl(await squareOnWhite(16))] }),
  });

/** Raw request, to see exactly what arrives when a body is truncated or the connection drops. */
function rawGet(url: string): Promise<{ status?: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    let body = '';
    let status: number | undefined;
    request(url, (res) => {
      status = res.statusCode;
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status, body }));
      res.on('error', (e) => resolve({ status, body, error: e.message }));
    })
      .on('error', (e) => resolve({ status, body, error: e.message }))
      .end();
  });
}

describe('fault injection', () => {
  it('answers a status with the service body, Retry-After headers, for the next N requests only', async () => {
    emulator().setFaults([
      { route: 'images.edits', status: 429, retryAfter: 2, retryAfterMs: 1500, times: 1 },
    ]);
    const first = await edit();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.headers.get('retry-after-ms')).toBe('1500');
    expect((await first.json()).error).toMatchObject({
      type: 'requests',
      code: 'rate_limit_exceeded',
    });
    expect((await edit()).status).toBe(200);
  });

  it('uses fal error bodies on queue routes, custom bodies, and afterRequests', async () => {
    emulator().setFaults([{ route: 'queue.submit', status: 503, afterRequests: 1 }]);
    expect((await submit()).status).toBe(200);
    const res = await submit();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ detail: 'Service Unavailable' });
    emulator().setFaults([
      {
        route: '*',
        status: 400,
        body: {
          error: {
            message: 'blocked',
            type: 'image_generation_user_error',
            param: null,
            code: 'moderation_blocked',
          },
        },
      },
    ]);
    expect((await (await edit()).json()).error.code).toBe('moderation_blocked');
  });

  it('adds latency, drops connections and truncates bodies', async () => {
    emulator().setFaults([{ route: 'images.edits', delayMs: 150, times: 1 }]);
    const started = Date.now();
    expect((await edit()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    emulator().setFaults([{ route: 'files', drop: true }]);
    const dropped = await rawGet(`${emulator().url}/files/x.png`);
    expect(dropped.status).toBeUndefined();
    expect(dropped.error).toBeDefined();
    emulator().setFaults([{ route: 'queue.status', truncate: true }]);
    const truncated = await rawGet(`${emulator().url}/v1/queue/m/requests/none/status`);
    expect(truncated.status).toBe(404);
    expect(truncated.error).toBeDefined();
    expect(truncated.body.length).toBeLessThan(
      JSON.stringify({ detail: 'Request not found' }).length,
    );
  });

  it('sends malformed JSON and wrong content types', async () => {
    emulator().setFaults([
      { route: 'images.edits', malformedJson: true, contentType: 'text/html' },
    ]);
    const res = await edit();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    await expect(res.json()).rejects.toThrow();
  });

  it('slows server-sent events', async () => {
    emulator().setFaults([{ route: 'images.edits', slowStreamMs: 120 }]);
    const started = Date.now();
    const res = await fetch(`${emulator().url}/v1/images/edits`, {
      method: 'POST',
      body: form({
        image: await squareOnWhite(16),
        prompt: 'x',
        stream: 'true',
        partial_images: '2',
      }),
    });
    expect(await readSse(res)).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(230);
  });

  it('makes queue jobs fail, stall or vanish', async () => {
    emulator().setFaults([
      { route: 'queue.submit', job: 'fail', times: 1 },
      { route: 'queue.submit', job: 'stall', times: 1 },
      { route: 'queue.submit', job: 'vanish', times: 1 },
    ]);
    const failed = await (await submit()).json();
    const stalled = await (await submit()).json();
    const vanished = await (await submit()).json();
    let f = await (await fetch(failed.status_url)).json();
    for (let i = 0; i < 100 && f.status !== 'COMPLETED'; i++) {
      await new Promise((r) => setTimeout(r, 30));
      f = await (await fetch(failed.status_url)).json();
    }
    expect(f).toMatchObject({ status: 'COMPLETED', error_type: 'internal_error' });
    const fr = await fetch(failed.response_url);
    expect(fr.status).toBe(500);
    expect(await fr.json()).toEqual({ detail: 'Internal Server Error' });
    expect((await (await fetch(stalled.status_url)).json()).status).toBe('IN_PROGRESS');
    expect((await fetch(vanished.status_url)).status).toBe(404);
    expect((await fetch(vanished.response_url)).status).toBe(404);
  });

  it('is scripted over the admin endpoints and reset', async () => {
    const admin = `${emulator().url}/__admin`;
    const add = await fetch(`${admin}/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'images.edits', status: 500 }),
    });
    expect((await add.json()).rules).toHaveLength(1);
    expect((await edit()).status).toBe(500);
    const listed = await (await fetch(`${admin}/faults`)).json();
    expect(listed.rules[0]).toMatchObject({ seen: 1, applied: 1 });
    await fetch(`${admin}/faults`, { method: 'DELETE' });
    expect((await edit()).status).toBe(200);
    const bad = await fetch(`${admin}/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'nowhere' }),
    });
    expect(bad.status).toBe(400);
    const job = await (await submit()).json();
    const view = await (await fetch(`${admin}/jobs/${job.request_id}`)).json();
    expect(view).toMatchObject({ id: job.request_id, model: 'm' });
    const requests = await (await fetch(`${admin}/requests`)).json();
    expect(requests.requests.map((r: { route: string }) => r.route)).toEqual([
      'images.edits',
      'images.edits',
      'queue.submit',
    ]);
    await fetch(`${admin}/reset`, { method: 'POST' });
    expect((await (await fetch(`${admin}/requests`)).json()).requests).toEqual([]);
    expect((await fetch(`${admin}/jobs/${job.request_id}`)).status).toBe(404);
  });

  it('reads RETOUCH_EMULATOR_FAULTS and turns admin off off-loopback unless asked', async () => {
    process.env.RETOUCH_EMULATOR_FAULTS = JSON.stringify([{ route: 'queue.status', status: 418 }]);
    const other = await startEmulator({ admin: false });
    try {
      expect((await fetch(`${other.url}/v1/queue/m/requests/x/status`)).status).toBe(418);
      expect((await fetch(`${other.url}/__admin/requests`)).status).toBe(404);
    } finally {
      delete process.env.RETOUCH_EMULATOR_FAULTS;
      await other.close();
    }
  });
});
