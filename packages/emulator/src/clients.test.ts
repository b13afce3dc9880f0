import { createFalClient } from '@fal-ai/client';
import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { dataUrl, useEmulator } from './test-support/emulator.js';
import { pixels, solid, squareOnWhite } from './test-support/images.js';

const emulator = useEmulator({ apiKey: 'sk-test', jobDurationMs: 600 });

describe('official openai SDK, unchanged', () => {
  const client = () =>
    new OpenAI({ apiKey: 'sk-test', baseURL: `${emulator().url}/v1`, maxRetries: 0 });

  it('edits with multipart (one and several images)', async () => {
    const result = await client().images.edit({
      model: 'gpt-image-1',
      image: await toFile(await squareOnWhite(32), 'in.png', { type: 'image/png' }),
      prompt: 'grayscale',
    });
    const [r, g, b] = (await pixels(Buffer.from(result.data![0]!.b64_json!, 'base64'))).at(16, 16);
    expect(r === g && g === b).toBe(true);
    expect(result.usage?.total_tokens).toBeGreaterThan(0);
    const several = await client().images.edit({
      image: [
        await toFile(await solid(32, 32, [255, 0, 0]), 'a.png', { type: 'image/png' }),
        await toFile(await solid(32, 32, [0, 0, 255]), 'b.png', { type: 'image/png' }),
      ],
      prompt: 'invert',
      n: 2,
    });
    expect(several.data).toHaveLength(2);
    const sent = emulator().requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer sk-test');
  });

  it('streams partial images and the completed event', async () => {
    const stream = await client().images.edit({
      image: await toFile(await squareOnWhite(32), 'in.png', { type: 'image/png' }),
      prompt: 'sepia',
      stream: true,
      partial_images: 2,
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual([
      'image_edit.partial_image',
      'image_edit.partial_image',
      'image_edit.completed',
    ]);
  });

  it('surfaces errors as the SDK typed errors', async () => {
    const bad = new OpenAI({ apiKey: 'wrong', baseURL: `${emulator().url}/v1`, maxRetries: 0 });
    const image = await toFile(await squareOnWhite(8), 'in.png', { type: 'image/png' });
    await expect(bad.images.edit({ image, prompt: 'x' })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    emulator().setFaults([{ route: 'images.edits', status: 429, retryAfterMs: 10, times: 1 }]);
    const retried = await new OpenAI({
      apiKey: 'sk-test',
      baseURL: `${emulator().url}/v1`,
      maxRetries: 1,
    }).images.edit({ image, prompt: 'x' });
    expect(retried.data).toHaveLength(1);
    await expect(client().images.edit({ image, prompt: 'x', n: 11 })).rejects.toMatchObject({
      status: 400,
      param: 'n',
    });
  });
});

describe('official @fal-ai/client, unchanged', () => {
  const fal = () =>
    createFalClient({
      credentials: 'sk-test',
      requestMiddleware: async (request) => ({
        ...request,
        url: request.url.replace('https://queue.fal.run', emulator().url),
      }),
    });

  it('submits, polls status, streams status and fetches the result', async () => {
    const client = fal();
    const input = { prompt: 'invert', image_urls: [dataUrl(await squareOnWhite(32))] };
    const { request_id } = await client.queue.submit('fal-ai/gpt-image-1/edit-image', { input });
    const updates: string[] = [];
    await client.queue.subscribeToStatus('fal-ai/gpt-image-1/edit-image', {
      requestId: request_id,
      mode: 'streaming',
      logs: true,
      onQueueUpdate: (u) => updates.push(u.status),
    });
    expect(updates.at(-1)).toBe('COMPLETED');
    const status = await client.queue.status('fal-ai/gpt-image-1/edit-image', {
      requestId: request_id,
      logs: true,
    });
    expect(status.status).toBe('COMPLETED');
    const result = await client.queue.result('fal-ai/gpt-image-1/edit-image', {
      requestId: request_id,
    });
    expect(result.requestId).toBeTruthy();
    const image = (result.data as { images: Array<{ url: string; width: number }> }).images[0]!;
    expect(image.width).toBe(32);
    const out = await pixels(Buffer.from(await (await fetch(image.url)).arrayBuffer()));
    expect(out.at(0, 0).slice(0, 3)).toEqual([0, 0, 0]);
    expect(emulator().requests.find((r) => r.route === 'queue.submit')?.headers.authorization).toBe(
      'Key sk-test',
    );
  });

  it('polls with subscribeToStatus and cancels a queued job', async () => {
    const client = fal();
    const input = { prompt: 'blur', image_urls: [dataUrl(await squareOnWhite(16))] };
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push((await client.queue.submit('fal-ai/edit', { input })).request_id);
    await client.queue.cancel('fal-ai/edit', { requestId: ids[2]! });
    const cancelled = await client.queue.status('fal-ai/edit', { requestId: ids[2]!, logs: false });
    expect(cancelled).toMatchObject({ status: 'COMPLETED' });
    const done = await client.queue.subscribeToStatus('fal-ai/edit', {
      requestId: ids[0]!,
      pollInterval: 20,
    });
    expect(done.status).toBe('COMPLETED');
    await expect(client.queue.cancel('fal-ai/edit', { requestId: ids[0]! })).rejects.toMatchObject({
      status: 400,
    });
    await expect(client.queue.result('fal-ai/edit', { requestId: ids[2]! })).rejects.toMatchObject({
      status: 400,
    });
  });
});
