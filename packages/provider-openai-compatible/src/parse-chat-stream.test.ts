import type { ProviderProgressEvent } from '@retouch/core/provider';
import { describe, expect, it } from 'vitest';
import { rejection } from './__fixtures__/rejection.js';
import { readChatStream } from './parse-chat-stream.js';

const bytes = [137, 80, 78, 71, 7];
const png = `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

function sse(text: string): ReadableStream<Uint8Array> {
  const encoded = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      // Split in small pieces so frames and JSON cross chunk boundaries.
      for (let at = 0; at < encoded.length; at += 23)
        controller.enqueue(encoded.slice(at, at + 23));
      controller.close();
    },
  });
}
const data = (value: unknown) =>
  `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`;
const delta = (value: Record<string, unknown>, finish: string | null = null, index = 0) =>
  data({
    object: 'chat.completion.chunk',
    choices: [{ index, delta: value, finish_reason: finish }],
  });

function run(text: string) {
  const progress: ProviderProgressEvent[] = [];
  let decodes = 0;
  const result = readChatStream(sse(text), {
    provider: 'openai-compatible',
    secrets: [],
    requestId: 'req_s',
    wanted: 4,
    maxTextLength: 10_000,
    imagesPerEvent: 1,
    onProgress: (event) => progress.push(event),
    download: async (url) => {
      decodes += 1;
      return url.startsWith('data:')
        ? { bytes: new Uint8Array(bytes), mediaType: 'image/png' }
        : { bytes: new Uint8Array([255, 216, 255]), mediaType: 'image/jpeg' };
    },
  });
  return { result, progress, decodes: () => decodes };
}

describe('readChatStream', () => {
  it('collects text and delta.images, previews each image once, and keeps usage', async () => {
    const { result, progress, decodes } = run(
      delta({ role: 'assistant', content: '' }) +
        delta({ content: 'Here is ' }) +
        delta({ content: 'the edit.' }) +
        delta({ images: [{ type: 'image_url', image_url: { url: png } }] }) +
        delta({}, 'stop') +
        data({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }) +
        data('[DONE]'),
    );
    const edited = await result;
    expect(edited.images).toEqual([
      { data: new Uint8Array(bytes), mediaType: 'image/png', revisedPrompt: 'Here is the edit.' },
    ]);
    expect(edited.usage).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
    expect(progress).toEqual([
      { type: 'partial-image', index: 0, image: new Uint8Array(bytes), mediaType: 'image/png' },
    ]);
    expect(decodes()).toBe(1);
  });

  it('finds a markdown image written across several content deltas', async () => {
    const text = `Done. ![edited](${png})`;
    const { result } = run(
      delta({ content: text.slice(0, 12) }) +
        delta({ content: text.slice(12, 30) }) +
        delta({ content: text.slice(30) }, 'stop') +
        data('[DONE]'),
    );
    expect((await result).images).toHaveLength(1);
  });

  it('keeps the choices apart', async () => {
    const { result } = run(
      delta({ images: [{ image_url: { url: png } }] }, null, 0) +
        delta(
          { content: 'second', images: [{ image_url: { url: 'https://cdn.example/2.jpg' } }] },
          null,
          1,
        ) +
        data('[DONE]'),
    );
    expect((await result).images.map((image) => image.mediaType)).toEqual([
      'image/png',
      'image/jpeg',
    ]);
  });

  it('ends with the model’s words when it finished without an image', async () => {
    const error = await rejection(
      run(delta({ content: 'I cannot do that.' }) + delta({}, 'stop') + data('[DONE]')).result,
    );
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('The model said: "I cannot do that."');
  });

  it('calls a stream cut short before any image a retryable invalid_response', async () => {
    const error = await rejection(run(delta({ content: 'Working on' })).result);
    expect(error).toMatchObject({ code: 'invalid_response', retryable: true });
  });

  it('maps an error chunk, and refuses a chunk that is not JSON', async () => {
    const failed = await rejection(
      run(
        delta({ content: 'x' }) +
          data({ error: { message: 'Provider overloaded', code: 'rate_limit_exceeded' } }),
      ).result,
    );
    expect(failed.code).toBe('rate_limited');
    const garbled = await rejection(run(data('{"choices": [')).result);
    expect(garbled.code).toBe('invalid_response');
  });

  it('abandons a stream whose text grows past the limit', async () => {
    const error = await rejection(run(delta({ content: 'y'.repeat(6000) }).repeat(2)).result);
    expect(error.message).toContain('more than 10000 characters');
  });
});
