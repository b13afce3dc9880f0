import { isRetouchError } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { rejection } from './__fixtures__/rejection.js';
import { type ParseImagesContext, parseImagesResponse } from './parse-images-response.js';

const png = Buffer.from('89504e470d0a1a0a', 'hex');

function context(overrides: Partial<ParseImagesContext> = {}): ParseImagesContext {
  return {
    provider: 'openai-compatible',
    requestId: 'req_123',
    secrets: ['sk-live-secret'],
    download: async () => {
      throw new Error('no download expected');
    },
    ...overrides,
  };
}

describe('parseImagesResponse', () => {
  it('decodes b64_json and keeps usage, revised prompt, echoed settings and request id', async () => {
    const result = await parseImagesResponse(
      JSON.stringify({
        created: 1713833628,
        data: [{ b64_json: png.toString('base64'), revised_prompt: 'a grayscale cat' }],
        background: 'opaque',
        output_format: 'png',
        size: '1024x1024',
        quality: 'high',
        usage: {
          total_tokens: 100,
          input_tokens: 50,
          output_tokens: 50,
          input_tokens_details: { text_tokens: 10, image_tokens: 40 },
        },
      }),
      context(),
    );
    expect(result.images).toEqual([
      { data: new Uint8Array(png), mediaType: 'image/png', revisedPrompt: 'a grayscale cat' },
    ]);
    expect(result.usage).toEqual({
      inputTokens: 50,
      outputTokens: 50,
      totalTokens: 100,
      details: { input_tokens_details: { text_tokens: 10, image_tokens: 40 } },
    });
    expect(result.echoed).toEqual({
      size: '1024x1024',
      quality: 'high',
      background: 'opaque',
      output_format: 'png',
    });
    expect(result.requestId).toBe('req_123');
  });

  it('downloads url results', async () => {
    const urls: string[] = [];
    const result = await parseImagesResponse(
      JSON.stringify({
        created: 1,
        data: [
          { url: 'https://cdn.example/a.png' },
          { url: null, b64_json: png.toString('base64') },
        ],
      }),
      context({
        download: async (url) => {
          urls.push(url);
          return { bytes: new Uint8Array([1, 2]), mediaType: 'image/webp' };
        },
      }),
    );
    expect(urls).toEqual(['https://cdn.example/a.png']);
    expect(result.images[0]).toEqual({ data: new Uint8Array([1, 2]), mediaType: 'image/webp' });
    expect(result.images[1]?.data).toEqual(new Uint8Array(png));
  });

  it('rejects the chat-completion body from the gateway page as invalid_response, quoting it', async () => {
    const chatCompletion = JSON.stringify({
      id: 'chatcmpl-123',
      object: 'chat.completion',
      created: 1677652288,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: '\n\nHello there, how may I assist you today?' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
    });
    const error = await parseImagesResponse(chatCompletion, context()).catch((e: unknown) => e);
    expect(isRetouchError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid_response',
      retryable: false,
      requestId: 'req_123',
    });
    const message = (error as Error).message;
    expect(message).toContain('"object":"chat.completion"');
    expect(message.length).toBeLessThan(500);
  });

  it('rejects HTML, empty data and images with neither b64_json nor url', async () => {
    for (const body of ['<html>Bad gateway</html>', '{"created":1,"data":[]}', '{"data":[{}]}']) {
      await expect(parseImagesResponse(body, context())).rejects.toMatchObject({
        code: 'invalid_response',
      });
    }
  });

  it('never quotes a secret the server echoed back', async () => {
    const error = await rejection(
      parseImagesResponse(
        JSON.stringify({ echo: { authorization: 'Bearer sk-live-secret' } }),
        context(),
      ),
    );
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain('sk-live-secret');
  });

  it('downloads only the images the call asked for, in order, and warns about the rest', async () => {
    const urls: string[] = [];
    const result = await parseImagesResponse(
      JSON.stringify({ data: Array.from({ length: 16 }, (_, i) => ({ url: `https://cdn/${i}` })) }),
      context({
        wanted: 2,
        download: async (url) => {
          urls.push(url);
          return { bytes: new Uint8Array(png), mediaType: 'image/png' };
        },
      }),
    );
    expect(urls).toEqual(['https://cdn/0', 'https://cdn/1']);
    expect(result.images).toHaveLength(2);
    expect(result.warnings?.[0]?.message).toMatch(/returned 16 images where 2 were asked for/);
  });
});
