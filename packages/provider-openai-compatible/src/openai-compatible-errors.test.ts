import {
  type EditProgressEvent,
  editImage,
  isRetouchError,
  type RetouchError,
} from '@retouch/core';
import type { Emulator, FaultRule } from 'retouch-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  editRequests,
  providerFor,
  startTestEmulator,
  testApiKey,
} from './__fixtures__/emulator-fixture.js';
import { solidPng } from './__fixtures__/test-images.js';
import type { OpenAICompatibleConfigInput } from './openai-compatible-config.js';

let emulator: Emulator;
let red: Buffer;

beforeAll(async () => {
  emulator = await startTestEmulator();
  red = await solidPng(64, 64, [200, 40, 40]);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

async function failedEdit(
  options: { config?: OpenAICompatibleConfigInput; maxRetries?: number; size?: string } = {},
): Promise<RetouchError> {
  const error = await editImage({
    provider: providerFor(emulator, options.config),
    model: 'gpt-image-1',
    prompt: 'make it grayscale',
    images: red,
    maxRetries: options.maxRetries ?? 0,
    ...(options.size ? { size: options.size } : {}),
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isRetouchError(error)) throw new Error(`expected a RetouchError, got ${String(error)}`);
  // Whatever went wrong, the key never shows.
  for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? '']) {
    expect(text).not.toContain(testApiKey);
  }
  return error;
}

const envelope = (
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) => ({
  error: { message, type, code, param },
});

describe('error mapping from the OpenAI envelope', () => {
  it('maps a real 400 from the server to invalid_request naming the param', async () => {
    // Loosen the table so the engine lets an odd size through and the server judges it.
    const error = await failedEdit({
      config: {
        models: [{ id: 'gpt-image-1', capabilities: { sizes: { presets: [], custom: {} } } }],
      },
      size: '1000x1000',
    });
    expect(error).toMatchObject({ code: 'invalid_request', status: 400, retryable: false });
    expect(error.message).toContain('size');
    expect(error.requestId).toBe(editRequests(emulator)[0]?.requestId);
  });

  it('maps a wrong key to authentication, without echoing either key', async () => {
    const error = await failedEdit({ config: { apiKey: 'sk-wrong-key-9876543210' } });
    expect(error).toMatchObject({ code: 'authentication', status: 401 });
    expect(error.message).not.toContain('sk-wrong-key-9876543210');
  });

  const statusCases: [string, FaultRule, Partial<RetouchError>][] = [
    [
      '403 → permission',
      {
        route: 'images.edits',
        status: 403,
        body: envelope('No access to model', 'invalid_request_error', null),
      },
      { code: 'permission', retryable: false },
    ],
    [
      '404 → not_found',
      {
        route: 'images.edits',
        status: 404,
        body: envelope('Model not found', 'invalid_request_error', 'model_not_found', 'model'),
      },
      { code: 'not_found', retryable: false },
    ],
    [
      '400 moderation_blocked → content_policy',
      {
        route: 'images.edits',
        status: 400,
        body: envelope(
          'Rejected by the safety system',
          'image_generation_user_error',
          'moderation_blocked',
        ),
      },
      { code: 'content_policy', retryable: false },
    ],
    [
      '400 content_policy_violation → content_policy',
      {
        route: 'images.edits',
        status: 400,
        body: envelope(
          'Your prompt may contain unsafe content',
          'invalid_request_error',
          'content_policy_violation',
        ),
      },
      { code: 'content_policy', retryable: false },
    ],
    [
      '429 insufficient_quota → rate_limited, not retryable',
      {
        route: 'images.edits',
        status: 429,
        body: envelope(
          'You exceeded your current quota',
          'insufficient_quota',
          'insufficient_quota',
        ),
      },
      { code: 'rate_limited', retryable: false },
    ],
    [
      '429 rate limit → rate_limited, retryable',
      {
        route: 'images.edits',
        status: 429,
        retryAfterMs: 10,
        body: envelope('Rate limit reached', 'requests', 'rate_limit_exceeded'),
      },
      { code: 'rate_limited', retryable: true, retryAfterMs: 10 },
    ],
    [
      '500 → server',
      {
        route: 'images.edits',
        status: 500,
        body: envelope('The server had an error', 'server_error', null),
      },
      { code: 'server', retryable: true },
    ],
  ];
  for (const [name, fault, expected] of statusCases) {
    it(name, async () => {
      emulator.setFaults([fault]);
      const error = await failedEdit();
      expect(error).toMatchObject({
        ...expected,
        status: fault.status,
        provider: 'openai-compatible',
      });
      expect(error.requestId).toMatch(/^req_/);
    });
  }

  it('maps a too-large body (413 from the server) to payload_too_large', async () => {
    const small = await startTestEmulator({ maxBodyBytes: 1024 });
    try {
      const error = await editImage({
        provider: providerFor(small),
        model: 'gpt-image-1',
        prompt: 'make it grayscale',
        images: await solidPng(256, 256, [1, 2, 3]),
        maxRetries: 0,
      }).catch((e: unknown) => e as RetouchError);
      expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    } finally {
      await small.close();
    }
  });
});

describe('retries (owned by the engine, fed by the provider)', () => {
  it('waits out 429 + Retry-After and succeeds', async () => {
    emulator.setFaults([
      {
        route: 'images.edits',
        times: 1,
        status: 429,
        retryAfter: 1,
        body: envelope('Rate limit reached', 'requests', 'rate_limit_exceeded'),
      },
    ]);
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1',
      prompt: 'make it grayscale',
      images: red,
      onProgress: (event) => events.push(event),
    });
    expect(result.images).toHaveLength(1);
    const retry = events.find((event) => event.type === 'retrying');
    expect(retry).toMatchObject({ attempt: 2, delayMs: 1000 });
    expect(editRequests(emulator)).toHaveLength(2);
  });

  it('retries a 503 and succeeds', async () => {
    emulator.setFaults([{ route: 'images.edits', times: 1, status: 503, retryAfterMs: 20 }]);
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1',
      prompt: 'make it grayscale',
      images: red,
    });
    expect(result.images).toHaveLength(1);
    expect(editRequests(emulator)).toHaveLength(2);
  });

  it('retries a dropped connection as a network error', async () => {
    emulator.setFaults([{ route: 'images.edits', times: 1, drop: true }]);
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1',
      prompt: 'make it grayscale',
      images: red,
      onProgress: (event) => events.push(event),
    });
    expect(result.images).toHaveLength(1);
    expect(events.filter((event) => event.type === 'retrying')).toHaveLength(1);
  });

  it('treats a truncated body as a failure, never as an image', async () => {
    emulator.setFaults([{ route: 'images.edits', truncate: true }]);
    const error = await failedEdit();
    expect(['network', 'invalid_response']).toContain(error.code);
  });

  it('reports malformed JSON as invalid_response', async () => {
    emulator.setFaults([{ route: 'images.edits', malformedJson: true }]);
    expect(await failedEdit()).toMatchObject({ code: 'invalid_response' });
  });
});
