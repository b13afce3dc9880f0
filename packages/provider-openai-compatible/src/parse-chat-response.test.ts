import { describe, expect, it } from 'vitest';
import { rejection } from './__fixtures__/rejection.js';
import { parseChatResponse } from './parse-chat-response.js';

const bytes = [137, 80, 78, 71, 1, 2];
const png = `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
const secret = 'sk-secret-KEY-123456';
const downloads: string[] = [];
const context = {
  provider: 'openai-compatible',
  secrets: [secret],
  requestId: 'req_c',
  wanted: 2,
  download: async (url: string) => {
    downloads.push(url);
    if (url.startsWith('data:')) return { bytes: new Uint8Array(bytes), mediaType: 'image/png' };
    return { bytes: new Uint8Array([255, 216, 255]), mediaType: 'image/jpeg' };
  },
};
const completion = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: 'm', choices, ...extra });

describe('parseChatResponse', () => {
  it('returns the images of every choice with the words as revised prompt, usage and metadata', async () => {
    const result = await parseChatResponse(
      completion(
        [
          { message: { content: 'One.', images: [{ image_url: { url: png } }] } },
          { message: { content: 'Two: ![b](https://cdn.example/b.jpg)' } },
        ],
        { usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30, cost: 0.04 } },
      ),
      context,
    );
    expect(result.images).toEqual([
      { data: new Uint8Array(bytes), mediaType: 'image/png', revisedPrompt: 'One.' },
      { data: new Uint8Array([255, 216, 255]), mediaType: 'image/jpeg', revisedPrompt: 'Two:' },
    ]);
    expect(result.usage).toEqual({
      inputTokens: 10,
      outputTokens: 20,
      totalTokens: 30,
      details: { cost: 0.04 },
    });
    expect(result.requestId).toBe('req_c');
    expect(result.providerMetadata).toEqual({ id: 'chatcmpl-1', model: 'm' });
    expect(downloads).toContain('https://cdn.example/b.jpg');
  });

  it('quotes the model’s words, sanitised and short, when it answers without an image', async () => {
    const refusal = `I can\u001b[31m't edit people in this way. ${'Really. '.repeat(60)} key ${secret}`;
    const error = await rejection(
      parseChatResponse(
        completion([{ message: { role: 'assistant', content: refusal } }]),
        context,
      ),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(
      /^openai-compatible: the model answered without an image\. The model said: "I can't edit people in this way\. Really\./,
    );
    expect(error.message).not.toContain('\u001b');
    expect(error.message).not.toContain(secret);
    expect(error.message.length).toBeLessThan(400);
  });

  it('calls a content-filtered answer content_policy', async () => {
    const error = await rejection(
      parseChatResponse(
        completion([{ message: { content: 'No.' }, finish_reason: 'content_filter' }]),
        context,
      ),
    );
    expect(error.code).toBe('content_policy');
  });

  it('maps an error envelope inside a 200, and a choice error', async () => {
    const envelope = await rejection(
      parseChatResponse(
        JSON.stringify({ error: { message: 'Rate limit exceeded', code: 'rate_limit_exceeded' } }),
        context,
      ),
    );
    expect(envelope).toMatchObject({ code: 'rate_limited' });
    expect(envelope.message).toContain('the answer reported an error: Rate limit exceeded');
    const choice = await rejection(
      parseChatResponse(
        completion([{ error: { message: 'Upstream failed', type: 'server_error' } }]),
        context,
      ),
    );
    expect(choice.code).toBe('server');
  });

  it('refuses what is not a chat completion, quoting it', async () => {
    const error = await rejection(parseChatResponse('<html>Bad gateway</html>', context));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('not with a chat completion');
    expect(error.message).toContain('<html>Bad gateway</html>');
  });
});

describe('parseChatResponse against a flood', () => {
  it('fetches only the images the call asked for, however many choices the answer has, and says so', async () => {
    downloads.length = 0;
    const choices = Array.from({ length: 500 }, () => ({
      message: { images: Array.from({ length: 20 }, () => ({ image_url: { url: png } })) },
    }));
    const result = await parseChatResponse(completion(choices), { ...context, wanted: 3 });
    expect(result.images).toHaveLength(3);
    expect(downloads).toHaveLength(3);
    expect(result.warnings?.map((warning) => warning.message).join(' ')).toMatch(/3/);
  });
});
