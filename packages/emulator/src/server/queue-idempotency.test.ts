import { describe, expect, it } from 'vitest';
import { dataUrl, useEmulator } from '../test-support/emulator.js';
import { squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator({ jobDurationMs: 60, apiKey: 'fal-key' });

async function submit(input: unknown, key?: string) {
  const res = await fetch(`${emulator().url}/v1/queue/gpt_image_1_edit`, {
    method: 'POST',
    headers: {
      authorization: 'Key fal-key',
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: await res.json() };
}

describe('queue submit with Idempotency-Key', () => {
  it('answers a repeat with the same job instead of starting a second one', async () => {
    const input = { prompt: 'invert', images: [dataUrl(await squareOnWhite(16))] };
    const first = await submit(input, 'key-1');
    const again = await submit(input, 'key-1');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.request_id).toBe(first.body.request_id);
    expect(again.body.status_url).toBe(first.body.status_url);
    expect(emulator().jobs.size).toBe(1);
  });

  it('starts a new job for a new key, and for submits without one', async () => {
    const input = { prompt: 'invert', images: [dataUrl(await squareOnWhite(16))] };
    const a = await submit(input, 'key-a');
    const b = await submit(input, 'key-b');
    const plain1 = await submit(input);
    const plain2 = await submit(input);
    const ids = new Set([a, b, plain1, plain2].map((r) => r.body.request_id));
    expect(ids.size).toBe(4);
    expect(emulator().jobs.size).toBe(4);
  });

  it('refuses a key reused with a different body, without starting a job', async () => {
    const image = dataUrl(await squareOnWhite(16));
    await submit({ prompt: 'invert', images: [image] }, 'key-x');
    const reused = await submit({ prompt: 'sepia', images: [image] }, 'key-x');
    expect(reused.status).toBe(422);
    expect(JSON.stringify(reused.body)).toMatch(/Idempotency-Key/);
    expect(emulator().jobs.size).toBe(1);
  });

  it('keeps one job when the first answer was lost on the way back', async () => {
    emulator().setFaults([{ route: 'queue.submit', times: 1, dropResponse: true }]);
    const input = { prompt: 'invert', images: [dataUrl(await squareOnWhite(16))] };
    await expect(submit(input, 'key-lost')).rejects.toThrow();
    const retried = await submit(input, 'key-lost');
    expect(retried.status).toBe(200);
    expect(emulator().jobs.size).toBe(1);
    expect(emulator().jobs.has(retried.body.request_id)).toBe(true);
  });
});
