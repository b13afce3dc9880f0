import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../start-emulator.js';
import { dataUrl, useEmulator } from '../../test-support/emulator.js';
import { leftHalfMask, pixels, solid, squareOnWhite } from '../../test-support/images.js';
import { refusalText } from './chat-answer.js';

const emulator = useEmulator({ apiKey: 'sk-chat-test' });
const auth = { authorization: 'Bearer sk-chat-test', 'content-type': 'application/json' };
const post = (body: unknown, headers: Record<string, string> = auth) =>
  fetch(`${emulator().url}/v1/chat/completions`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
const text = (value: string): Part => ({ type: 'text', text: value });
const image = (bytes: Buffer): Part => ({ type: 'image_url', image_url: { url: dataUrl(bytes) } });
const chat = (model: string, content: Part[] | string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content }],
  modalities: ['image', 'text'],
  ...extra,
});
const decode = (url: string) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');

/** `data:` lines of an event stream, parsed, with the final `[DONE]` kept as a string. */
async function chunks(response: Response): Promise<unknown[]> {
  return (await response.text())
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => frame.slice(6))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

describe('POST /v1/chat/completions', () => {
  it('edits two inputs under a mask and answers in message.images, with usage', async () => {
    const mask = await leftHalfMask(64, 64);
    const res = await post(
      chat('retouch-emulator/chat-image', [
        text('invert'),
        image(await solid(64, 64, [255, 0, 0])),
        image(await solid(64, 64, [0, 0, 255])),
        text('The next image is a mask: edit only where it is transparent.'),
        image(mask),
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const body = await res.json();
    expect(body).toMatchObject({ object: 'chat.completion', model: 'retouch-emulator/chat-image' });
    const message = body.choices[0].message;
    expect(message.content).toBe('Here is the edited image: I inverted the colours.');
    expect(message.images).toHaveLength(1);
    expect(message.images[0].type).toBe('image_url');
    const out = await pixels(decode(message.images[0].image_url.url));
    // Left half (transparent in the mask, red input) inverted; right half (blue input) kept.
    expect(out.at(5, 30).slice(0, 3)).toEqual([0, 255, 255]);
    expect(out.at(60, 30).slice(0, 3)).toEqual([0, 0, 255]);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it('answers n choices with differing images', async () => {
    const res = await post(
      chat('retouch-emulator/chat-image', [text('a sunny day'), image(await squareOnWhite(32))], {
        n: 2,
      }),
    );
    const body = await res.json();
    expect(body.choices).toHaveLength(2);
    const [a, b] = body.choices.map(
      (choice: { message: { images: { image_url: { url: string } }[] } }) =>
        choice.message.images[0]!.image_url.url,
    );
    expect(a).not.toBe(b);
  });

  it('writes a markdown data-URL image into content for a markdown model', async () => {
    const res = await post(
      chat('retouch-emulator/chat-image-markdown', [
        text('grayscale'),
        image(await squareOnWhite(32)),
      ]),
    );
    const message = (await res.json()).choices[0].message;
    expect(message.images).toBeUndefined();
    const link = /!\[[^\]]*\]\((data:image\/png;base64,[^)]+)\)/.exec(message.content);
    expect(link).not.toBeNull();
    const out = await pixels(decode(link![1]!));
    const [r, g, b] = out.at(16, 16);
    expect(r === g && g === b).toBe(true);
  });

  it('links a served file for markdown-url, and the request flag overrides the model name', async () => {
    const res = await post(
      chat('any-model', [text('blur'), image(await squareOnWhite(32))], {
        retouch_emulator_output: 'markdown-url',
      }),
    );
    const content: string = (await res.json()).choices[0].message.content;
    const url = /\]\((http:[^)]+)\)/.exec(content)![1]!;
    expect(url.startsWith(`${emulator().url}/files/`)).toBe(true);
    const file = await fetch(url);
    expect(file.headers.get('content-type')).toBe('image/png');
  });

  it('refuses in text for a text-only model, or when modalities leave out image', async () => {
    for (const body of [
      chat('retouch-emulator/chat-text-only', [text('invert'), image(await squareOnWhite(16))]),
      { ...chat('m', [text('invert'), image(await squareOnWhite(16))]), modalities: ['text'] },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(200);
      const message = (await res.json()).choices[0].message;
      expect(message).toEqual({ role: 'assistant', content: refusalText });
    }
  });

  it('streams text deltas, delta.images, a finish, usage, then [DONE]', async () => {
    const res = await post(
      chat('retouch-emulator/chat-image', [text('sepia'), image(await squareOnWhite(32))], {
        stream: true,
      }),
    );
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await chunks(res)) as Array<
      | string
      | {
          object: string;
          choices: {
            delta: { content?: string; images?: unknown[] };
            finish_reason: string | null;
          }[];
          usage?: { total_tokens: number };
        }
    >;
    expect(events.at(-1)).toBe('[DONE]');
    const objects = events.slice(0, -1) as Exclude<(typeof events)[number], string>[];
    expect(objects.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    const deltas = objects.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));
    expect(deltas.map((delta) => delta.content ?? '').join('')).toBe(
      'Here is the edited image: I gave it a sepia tone.',
    );
    expect(deltas.filter((delta) => delta.images)).toHaveLength(1);
    expect(objects.flatMap((c) => c.choices).at(-1)?.finish_reason).toBe('stop');
    expect(objects.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('answers problems in OpenAI error envelopes: auth, no image, a bad image URL', async () => {
    const unauthorised = await post(chat('m', 'hi'), { 'content-type': 'application/json' });
    expect(unauthorised.status).toBe(401);
    expect((await unauthorised.json()).error.message).toMatch(/API key/);
    const noImage = await post(chat('m', 'make it nicer'));
    expect(noImage.status).toBe(400);
    expect((await noImage.json()).error).toMatchObject({
      code: 'missing_image',
      param: 'messages',
    });
    const offLoopback = await post(
      chat('m', [
        text('x'),
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
      ]),
    );
    expect((await offLoopback.json()).error.code).toBe('invalid_image_url');
    expect((await post('{not json')).status).toBe(400);
  });

  it('is a fault-injection route of its own', async () => {
    emulator().setFaults([{ route: 'chat.completions', status: 503, times: 1 }]);
    const failed = await post(chat('m', [text('x'), image(await squareOnWhite(16))]));
    expect(failed.status).toBe(503);
    expect((await failed.json()).error.type).toBe('server_error');
    const edited = await fetch(`${emulator().url}/v1/images/edits`, { method: 'POST' });
    expect(edited.status).not.toBe(503);
    expect(emulator().requests.map((request) => request.route)).toEqual([
      'chat.completions',
      'images.edits',
    ]);
  });
});

describe('GET /v1/models', () => {
  it('lists image models with their shutdown dates and chat models with modalities', async () => {
    const res = await fetch(`${emulator().url}/v1/models`, { headers: auth });
    const body = await res.json();
    expect(body.object).toBe('list');
    const byId = new Map(body.data.map((model: { id: string }) => [model.id, model]));
    expect(byId.get('dall-e-2')).toMatchObject({ object: 'model', shutdown_date: '2026-05-12' });
    expect(byId.get('gpt-image-2')).toMatchObject({ shutdown_date: null });
    expect(byId.get('retouch-emulator/chat-image')).toMatchObject({
      architecture: { output_modalities: ['image', 'text'] },
    });
  });

  it('adds or replaces models given to startEmulator({ models })', async () => {
    const own = await startEmulator({
      log: () => {},
      models: [
        { id: 'dall-e-2', shutdown_date: '2020-01-01' },
        { id: 'gateway/new-image', shutdown_date: '2030-01-01' },
      ],
    });
    try {
      const { data } = await (await fetch(`${own.url}/v1/models`)).json();
      const ids = data.map((model: { id: string }) => model.id);
      expect(ids.filter((id: string) => id === 'dall-e-2')).toHaveLength(1);
      expect(data.find((m: { id: string }) => m.id === 'dall-e-2').shutdown_date).toBe(
        '2020-01-01',
      );
      expect(ids.at(-1)).toBe('gateway/new-image');
    } finally {
      await own.close();
    }
  });
});
