import { editImage, isRetouchError, type RetouchError } from '@retouch/core';
import {
  createTestPng,
  type HostileServer,
  hostile,
  startHostileServer,
} from '@retouch/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleProvider } from './google-provider.js';

const key = 'AIza-hostile-test-key-0042';
const path = '/v1beta/models/gemini-3-pro-image:generateContent';
let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const edit = () =>
  editImage({
    provider: createGoogleProvider({
      baseURL: server.url('/v1beta'),
      apiKey: key,
      responseLimits: { imageBytes: 256 * 1024, documentBytes: 64 * 1024, errorBytes: 16 * 1024 },
    }),
    model: 'gemini-3-pro-image',
    prompt: 'invert',
    images: createTestPng(),
    maxRetries: 0,
  }).then(
    () => {
      throw new Error('expected the edit to fail');
    },
    (error: unknown) => {
      expect(isRetouchError(error)).toBe(true);
      expect(JSON.stringify(error)).not.toContain(key);
      return error as RetouchError;
    },
  );

describe('google provider against a hostile server', () => {
  it('stops reading an answer that never ends, at the configured cap', async () => {
    server.route(
      'POST',
      path,
      hostile.endless({
        status: 200,
        prefix:
          '{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"',
      }),
    );
    const error = await edit();
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/limit/);
  });

  it('reads only the start of an endless error body and still says it was a quota refusal', async () => {
    server.route('POST', path, hostile.endless({ status: 429, prefix: '{"error":{"message":"' }));
    const error = await edit();
    expect(error.code).toBe('rate_limited');
  });

  it('refuses an image part that is not an image', async () => {
    server.route(
      'POST',
      path,
      hostile.json(200, {
        candidates: [
          {
            content: {
              parts: [
                {
                  inlineData: {
                    mimeType: 'image/png',
                    data: Buffer.from('<html>hi</html>').toString('base64'),
                  },
                },
              ],
            },
            finishReason: 'STOP',
          },
        ],
      }),
    );
    const error = await edit();
    expect(error.code).toBe('invalid_response');
  });

  it('quotes an error message without its terminal escapes', async () => {
    server.route(
      'POST',
      path,
      hostile.json(400, {
        error: {
          code: 400,
          status: 'INVALID_ARGUMENT',
          message: 'bad \u001b]0;pwned\u0007 request',
        },
      }),
    );
    const error = await edit();
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('INVALID_ARGUMENT');
    expect(error.message).not.toContain('\u001b');
    expect(error.message).not.toContain('\u0007');
  });
});
