import { describe, expect, it } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import { dataUrl, readSse, useEmulator } from '../test-support/emulator.js';
import { leftHalfMask, pixels, squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator({ workers: 1, jobDurationMs: 150, apiKey: 'fal-key' });
const auth = { authorization: 'Key fal-key', 'content-type': 'application/json' };

async function submit(model: string, input: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(`${emulator().url}/${model}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input),
  });
  return { res, body: await res.json() };
}
const get = (url: string) => fetch(url, { headers: auth });

async function waitCompleted(statusUrl: string) {
  for (let i = 0; i < 250; i++) {
    const body = await (await get(statusUrl)).json();
    if (body.status === 'COMPLETED') return body;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('job did not complete');
}

describe('queue API', () => {
  it('runs submit, status, result like the seed (v1/queue/{model})', async () => {
    const image = dataUrl(await squareOnWhite(64));
    const { res, body } = await submit('v1/queue/gpt_image_1_edit', {
      prompt: 'grayscale',
      images: [image],
      n: 2,
    });
    expect(res.status).toBe(200);
    const base = `${emulator().url}/v1/queue/gpt_image_1_edit/requests/${body.request_id}`;
    expect(body).toMatchObject({
      request_id: expect.any(String),
      response_url: `${base}/response`,
      status_url: `${base}/status`,
      cancel_url: `${base}/cancel`,
      queue_position: 0,
    });
    const done = await waitCompleted(`${body.status_url}?logs=1`);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      metrics: { inference_time: expect.any(Number) },
    });
    expect(done.logs.map((l: { message: string }) => l.message)).toContain('Request completed');
    const result = await (await get(body.response_url)).json();
    expect(result.images).toHaveLength(2);
    expect(result).toMatchObject({
      prompt: 'grayscale',
      seed: expect.any(Number),
      has_nsfw_concepts: [false, false],
    });
    expect(result.images[0]).toMatchObject({ content_type: 'image/png', width: 64, height: 64 });
    const file = Buffer.from(await (await fetch(result.images[0].url)).arrayBuffer());
    const [r, g, b] = (await pixels(file)).at(32, 32);
    expect(r === g && g === b).toBe(true);
    const fal = await (
      await get(`${emulator().url}/v1/queue/gpt_image_1_edit/requests/${body.request_id}`)
    ).json();
    expect(fal.images[0].url).toBe(result.images[0].url);
  });

  it('reports IN_QUEUE with positions and IN_PROGRESS with logs while a worker is busy', async () => {
    const image = dataUrl(await squareOnWhite(16));
    const slow = await startEmulator({ workers: 1, jobDurationMs: 800, apiKey: 'fal-key' });
    const submit = async (model: string, input: unknown) => {
      const res = await fetch(`${slow.url}/${model}`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(input),
      });
      return { res, body: await res.json() };
    };
    const emulator = () => slow;
    const jobs = [];
    for (let i = 0; i < 3; i++)
      jobs.push(
        (
          await submit('fal-ai/gpt-image-1/edit-image', {
            prompt: `tint ${i}`,
            image_urls: [image],
          })
        ).body,
      );
    expect(jobs[2].status_url).toBe(
      `${emulator().url}/fal-ai/gpt-image-1/requests/${jobs[2].request_id}/status`,
    );
    expect(jobs[2].response_url).toBe(
      `${emulator().url}/fal-ai/gpt-image-1/requests/${jobs[2].request_id}`,
    );
    const first = await (await get(`${jobs[0].status_url}?logs=1`)).json();
    expect(first.status).toBe('IN_PROGRESS');
    expect(first.logs[0].message).toMatch(/Starting/);
    const third = await get(jobs[2].status_url);
    expect(third.status).toBe(202);
    expect(await third.json()).toMatchObject({ status: 'IN_QUEUE', queue_position: 1 });
    const early = await get(jobs[2].response_url);
    expect(early.status).toBe(400);
    expect(await early.json()).toEqual({ detail: 'Request is still in progress' });
    expect((await fetch(jobs[2].cancel_url, { method: 'PUT', headers: auth })).status).toBe(202);
    const running = await fetch(jobs[0].cancel_url, { method: 'PUT', headers: auth });
    expect(running.status).toBe(400);
    const cancelled = await (await get(jobs[2].status_url)).json();
    expect(cancelled).toMatchObject({ status: 'COMPLETED', error_type: 'request_cancelled' });
    await waitCompleted(jobs[1].status_url);
    const done = await fetch(jobs[1].cancel_url, { method: 'PUT', headers: auth });
    expect(done.status).toBe(400);
    expect(await done.json()).toMatchObject({ status: 'ALREADY_COMPLETED' });
    await slow.close();
  });

  it('streams status changes as server-sent events and closes after COMPLETED', async () => {
    const { body } = await submit('fal-ai/edit', {
      prompt: 'sepia',
      image_urls: [dataUrl(await squareOnWhite(16))],
    });
    const res = await get(`${body.status_url}/stream?logs=1`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readSse(res);
    const statuses = events.map((e) => e.data.status);
    expect(statuses.at(-1)).toBe('COMPLETED');
    expect(statuses).toContain('IN_PROGRESS');
    expect(events.at(-1)!.data.logs.length).toBeGreaterThan(1);
  });

  it('applies the mask and output options in queue jobs', async () => {
    const src = await squareOnWhite(32);
    const { body } = await submit('v1/queue/edit', {
      prompt: 'invert',
      images: [dataUrl(src)],
      mask_url: dataUrl(await leftHalfMask(32, 32)),
      output_format: 'jpeg',
      output_compression: 90,
      size: '64x64',
    });
    await waitCompleted(body.status_url);
    const result = await (await get(body.response_url)).json();
    expect(result.images[0]).toMatchObject({ content_type: 'image/jpeg', width: 64, height: 64 });
    const out = await pixels(Buffer.from(await (await fetch(result.images[0].url)).arrayBuffer()));
    expect(out.at(2, 2)[0]).toBeLessThan(10);
    expect(out.at(60, 2)[0]).toBeGreaterThan(245);
  });

  it("takes fal's image_size {width, height} and num_images", async () => {
    const { body } = await submit('fal-ai/gpt-image-1/edit-image', {
      prompt: 'invert',
      image_urls: [dataUrl(await squareOnWhite(32))],
      image_size: { width: 48, height: 16 },
      num_images: 3,
    });
    await waitCompleted(body.status_url);
    const result = await (await get(body.response_url)).json();
    expect(result.images).toHaveLength(3);
    for (const image of result.images) expect(image).toMatchObject({ width: 48, height: 16 });
    const file = await pixels(Buffer.from(await (await fetch(result.images[2].url)).arrayBuffer()));
    expect([file.width, file.height]).toEqual([48, 16]);
    const bad = await submit('fal-ai/edit', {
      prompt: 'x',
      image_urls: ['data:,'],
      image_size: { width: 0, height: 'tall' },
      num_images: 11,
    });
    expect(bad.res.status).toBe(422);
    expect(bad.body.detail.map((d: { loc: string[] }) => d.loc[1])).toEqual([
      'num_images',
      'image_size',
    ]);
  });

  it("names the job in x-fal-request-id on every call about it, as fal's clients expect", async () => {
    const { res, body } = await submit('fal-ai/edit', {
      prompt: 'x',
      image_urls: [dataUrl(await squareOnWhite(8))],
    });
    expect(res.headers.get('x-fal-request-id')).toBe(body.request_id);
    expect(res.headers.get('x-request-id')).not.toBe(body.request_id);
    await waitCompleted(body.status_url);
    for (const url of [body.status_url, body.response_url, `${body.status_url}/stream`]) {
      const answer = await get(url);
      expect(answer.headers.get('x-fal-request-id')).toBe(body.request_id);
      await answer.body?.cancel();
    }
    const cancel = await fetch(body.cancel_url, { method: 'PUT', headers: auth });
    expect(cancel.headers.get('x-fal-request-id')).toBe(body.request_id);
  });

  it('answers 422 with field details for invalid input, and failed jobs like fal', async () => {
    const bad = await submit('v1/queue/edit', { images: ['x'], n: 20, quality: 'ultra' });
    expect(bad.res.status).toBe(422);
    const fields = bad.body.detail.map((d: { loc: string[] }) => d.loc[1]);
    expect(fields).toEqual(expect.arrayContaining(['prompt', 'n', 'quality']));
    const json = await fetch(`${emulator().url}/v1/queue/edit`, {
      method: 'POST',
      headers: auth,
      body: '{',
    });
    expect(json.status).toBe(422);
    const { body } = await submit('v1/queue/edit', {
      prompt: 'x',
      images: ['data:image/png;base64,AAAA'],
    });
    const status = await waitCompleted(body.status_url);
    expect(status).toMatchObject({ status: 'COMPLETED', error_type: 'validation_error' });
    const result = await get(body.response_url);
    expect(result.status).toBe(422);
    expect((await result.json()).detail[0].loc).toEqual(['body', 'image_urls']);
  });

  it('checks the key (Key or Bearer) and answers 404 for unknown requests', async () => {
    const input = { prompt: 'x', images: [dataUrl(await squareOnWhite(8))] };
    expect(
      (await submit('v1/queue/m', input, { 'content-type': 'application/json' })).res.status,
    ).toBe(401);
    expect((await submit('v1/queue/m', input, { authorization: 'Key nope' })).res.status).toBe(401);
    expect(
      (await submit('v1/queue/m', input, { authorization: 'Bearer fal-key' })).res.status,
    ).toBe(200);
    const missing = await get(`${emulator().url}/v1/queue/m/requests/nope/status`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Request not found' });
    expect(
      (
        await fetch(`${emulator().url}/v1/queue/m/requests/nope/cancel`, {
          method: 'PUT',
          headers: auth,
        })
      ).status,
    ).toBe(404);
  });

  it('records requests with their headers and exposes jobs', async () => {
    const { body } = await submit('v1/queue/m', {
      prompt: 'x',
      images: [dataUrl(await squareOnWhite(8))],
    });
    const logged = emulator().requests.at(-1)!;
    expect(logged).toMatchObject({
      method: 'POST',
      path: '/v1/queue/m',
      route: 'queue.submit',
      status: 200,
    });
    expect(logged.headers.authorization).toBe('Key fal-key');
    expect(emulator().jobs.get(body.request_id)?.model).toBe('m');
  });
});
