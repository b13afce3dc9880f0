import { ApiError, createFalClient, ValidationError } from '@fal-ai/client';
import OpenAI6, { toFile as toFile6 } from 'openai';
import OpenAI7, { toFile as toFile7 } from 'openai7';
import { describe, expect, it } from 'vitest';
import { dataUrl, useEmulator } from './test-support/emulator.js';
import { pixels, solid, squareOnWhite } from './test-support/images.js';

const emulator = useEmulator({ apiKey: 'sk-test', jobDurationMs: 600 });

// The two majors differ in types, not in what they send; both run unchanged.
const sdks = [
  { major: '6.x', OpenAI: OpenAI6, toFile: toFile6 },
  { major: '7.x', OpenAI: OpenAI7 as unknown as typeof OpenAI6, toFile: toFile7 },
];

describe.each(sdks)('official openai SDK $major, unchanged', ({ OpenAI, toFile }) => {
  const client = (options: { apiKey?: string; maxRetries?: number; baseURL?: string } = {}) =>
    new OpenAI({ apiKey: 'sk-test', baseURL: `${emulator().url}/v1`, maxRetries: 0, ...options });
  const png = async (bytes: Buffer | Promise<Buffer>, name = 'in.png') =>
    toFile(await bytes, name, { type: 'image/png' });

  it('edits with multipart (one and several images), with the request id', async () => {
    const result = await client().images.edit({
      model: 'gpt-image-1',
      image: await png(squareOnWhite(32)),
      prompt: 'grayscale',
    });
    const [r, g, b] = (await pixels(Buffer.from(result.data![0]!.b64_json!, 'base64'))).at(16, 16);
    expect(r === g && g === b).toBe(true);
    expect(result.usage?.total_tokens).toBeGreaterThan(0);
    expect(result._request_id).toBe(emulator().requests.at(-1)!.requestId);
    const several = await client().images.edit({
      image: [
        await png(solid(32, 32, [255, 0, 0]), 'a.png'),
        await png(solid(32, 32, [0, 0, 255])),
      ],
      prompt: 'invert',
      n: 2,
    });
    expect(several.data).toHaveLength(2);
    const sent = emulator().requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer sk-test');
  });

  it('gets the size it asked for echoed, and none when it asked for none', async () => {
    const image = await png(squareOnWhite(32));
    const unsized = await client().images.edit({ image, prompt: 'sepia' });
    expect(unsized.size).toBeUndefined();
    const sized = await client().images.edit({ image, prompt: 'sepia', size: '1024x1536' });
    expect(sized.size).toBe('1024x1536');
    const picture = await pixels(Buffer.from(sized.data![0]!.b64_json!, 'base64'));
    expect([picture.width, picture.height]).toEqual([1024, 1536]);
  });

  it('streams partial images and the completed event, each echoing the requested size', async () => {
    const stream = await client().images.edit({
      image: await png(squareOnWhite(32)),
      prompt: 'sepia',
      stream: true,
      partial_images: 2,
    });
    const events: Array<{ type: string; size: string }> = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'image_edit.partial_image',
      'image_edit.partial_image',
      'image_edit.completed',
    ]);
    expect(events.map((event) => event.size)).toEqual(['auto', 'auto', 'auto']);
  });

  it('surfaces errors as the SDK typed errors, with request ids', async () => {
    const image = await png(squareOnWhite(8));
    await expect(
      client({ apiKey: 'wrong' }).images.edit({ image, prompt: 'x' }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    emulator().setFaults([{ route: 'images.edits', status: 429, retryAfterMs: 10, times: 1 }]);
    const retried = await client({ maxRetries: 1 }).images.edit({ image, prompt: 'x' });
    expect(retried.data).toHaveLength(1);
    const tooMany = await client()
      .images.edit({ image: Array(17).fill(image), prompt: 'x' })
      .catch((error: unknown) => error);
    expect(tooMany).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooMany).toMatchObject({
      status: 400,
      param: 'image',
      code: 'array_above_max_length',
      requestID: emulator().requests.at(-1)!.requestId,
    });
    expect((tooMany as Error).message).toContain('maximum length 16');
    await expect(client().images.edit({ image, prompt: 'x', n: 11 })).rejects.toMatchObject({
      status: 400,
      param: 'n',
    });
  });

  it('gets a 404 for an OpenAI path outside /v1, not a queue answer', async () => {
    const unversioned = client({ baseURL: emulator().url });
    await expect(unversioned.images.generate({ prompt: 'x' })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    expect(emulator().jobs.size).toBe(0);
  });
});

describe('official @fal-ai/client, unchanged', () => {
  const fal = () =>
    createFalClient({
      credentials: 'sk-test',
      requestMiddleware: async (request) => ({
        ...request,
        url: request.url
          .replace('https://queue.fal.run', emulator().url)
          .replace('https://rest.fal.ai', emulator().url),
      }),
    });

  it('uploads a file with storage.upload (initiate, PUT) and the file URL serves it', async () => {
    const bytes = await squareOnWhite(32);
    const url = await fal().storage.upload(
      new File([new Uint8Array(bytes)], 'photo.png', { type: 'image/png' }),
    );
    expect(url).toMatch(new RegExp(`^${emulator().url}/files/`));
    const routes = emulator()
      .requests.slice(-2)
      .map((r) => [r.route, r.method, r.status]);
    expect(routes).toEqual([
      ['storage.initiate', 'POST', 200],
      ['storage.upload', 'PUT', 200],
    ]);
    // The initiate call carries the key; the PUT goes to the one-time URL without it.
    expect(emulator().requests.at(-2)!.headers.authorization).toBe('Key sk-test');
    expect(emulator().requests.at(-1)!.headers.authorization).toBeUndefined();
    const served = await fetch(url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    // The uploaded URL works as a queue input like any image URL.
    const { request_id } = await fal().queue.submit('fal-ai/gpt-image-1/edit-image', {
      input: { prompt: 'invert', image_urls: [url] },
    });
    const job = emulator().jobs.get(request_id)!;
    expect(JSON.stringify(job.input)).toContain(url);
  });

  it('refuses an upload URL used twice, and an initiate without the key', async () => {
    const initiate = await fetch(`${emulator().url}/storage/upload/initiate`, {
      method: 'POST',
      headers: { authorization: 'Key sk-test', 'content-type': 'application/json' },
      body: JSON.stringify({ file_name: 'a.png', content_type: 'image/png' }),
    });
    const { upload_url } = (await initiate.json()) as { upload_url: string };
    expect((await fetch(upload_url, { method: 'PUT', body: 'x' })).status).toBe(200);
    expect((await fetch(upload_url, { method: 'PUT', body: 'y' })).status).toBe(404);
    const anonymous = await fetch(`${emulator().url}/storage/upload/initiate`, {
      method: 'POST',
      body: JSON.stringify({ file_name: 'a.png', content_type: 'image/png' }),
    });
    expect(anonymous.status).toBe(401);
  });
  type Images = { images: Array<{ url: string; width: number; height: number }> };

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
    expect(result.requestId).toBe(request_id);
    const image = (result.data as Images).images[0]!;
    expect(image.width).toBe(32);
    const out = await pixels(Buffer.from(await (await fetch(image.url)).arrayBuffer()));
    expect(out.at(0, 0).slice(0, 3)).toEqual([0, 0, 0]);
    expect(emulator().requests.find((r) => r.route === 'queue.submit')?.headers.authorization).toBe(
      'Key sk-test',
    );
  });

  it("subscribe() returns the job's id, with fal's image_size and num_images honoured", async () => {
    const result = await fal().subscribe('acme/image-edit', {
      input: {
        prompt: 'grayscale',
        image_urls: [dataUrl(await squareOnWhite(32))],
        image_size: { width: 64, height: 16 },
        num_images: 2,
      },
      pollInterval: 50,
    });
    expect(emulator().jobs.has(result.requestId)).toBe(true);
    const { images } = result.data as Images;
    expect(images).toHaveLength(2);
    for (const image of images) expect([image.width, image.height]).toEqual([64, 16]);
    const file = await pixels(Buffer.from(await (await fetch(images[1]!.url)).arrayBuffer()));
    expect([file.width, file.height]).toEqual([64, 16]);
  });

  it('gets validation errors by field, and failed jobs with their id', async () => {
    const client = fal();
    const invalid = await client.queue
      .submit('fal-ai/edit', { input: { prompt: 'x', image_urls: ['data:,'], num_images: 0 } })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).getFieldErrors('num_images')).toHaveLength(1);
    const { request_id } = await client.queue.submit('fal-ai/edit', {
      input: { prompt: 'x', image_urls: ['data:image/png;base64,AAAA'] },
    });
    await client.queue.subscribeToStatus('fal-ai/edit', {
      requestId: request_id,
      pollInterval: 20,
    });
    const failed = await client.queue
      .result('fal-ai/edit', { requestId: request_id })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ApiError);
    expect(failed).toMatchObject({ status: 422, requestId: request_id });
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
      requestId: ids[2],
    });
  });
});
