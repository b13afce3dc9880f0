import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EditProgressEvent } from '../contract/progress.js';
import { createEmulatorProvider } from './__fixtures__/emulator-provider.js';
import { png } from './__fixtures__/test-provider.js';
import { editImage } from './edit-image.js';

const key = 'sk-engine-test-0123456789';
let emulator: Emulator;
const photo = await png(64, 48);

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

function run(onProgress?: (event: EditProgressEvent) => void, maxRetries = 2) {
  const provider = createEmulatorProvider(emulator.url, key);
  return editImage({
    provider,
    model: 'gpt-image-1',
    prompt: 'invert',
    images: photo,
    maxRetries,
    onProgress,
  });
}

describe('editImage against the emulator', () => {
  it('returns real edited images with their sniffed size', async () => {
    const result = await run();
    expect(result.images).toHaveLength(1);
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png' });
    expect(result.images[0]!.width).toBeGreaterThan(0);
  });

  it('waits out a 429 with retry-after-ms, then succeeds', async () => {
    emulator.setFaults([{ route: 'images.edits', times: 1, status: 429, retryAfterMs: 30 }]);
    const events: EditProgressEvent[] = [];
    const result = await run((event) => events.push(event));
    expect(result.images).toHaveLength(1);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'retrying', attempt: 2, delayMs: 30 }),
    );
    expect(emulator.requests.filter((r) => r.route === 'images.edits')).toHaveLength(2);
  });

  it('retries 503s and dropped connections, and reports the last error once retries run out', async () => {
    emulator.setFaults([
      { route: 'images.edits', times: 1, status: 503, retryAfter: 0 },
      { route: 'images.edits', times: 1, afterRequests: 1, drop: true },
    ]);
    expect((await run()).images).toHaveLength(1);

    emulator.setFaults([{ route: 'images.edits', status: 500, retryAfter: 0 }]);
    await expect(run(undefined, 1)).rejects.toMatchObject({
      code: 'server',
      retryable: true,
      status: 500,
    });
  });

  it('does not retry a refused key, and never shows the key', async () => {
    const provider = createEmulatorProvider(emulator.url, 'sk-wrong-key-9876543210');
    const error = await editImage({
      provider,
      model: 'gpt-image-1',
      prompt: 'x',
      images: photo,
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'authentication', retryable: false });
    expect(emulator.requests).toHaveLength(1);
    for (const text of [error.message, String(error), JSON.stringify(error), error.stack]) {
      expect(text).not.toContain('sk-wrong-key-9876543210');
    }
  });

  it('scrubs the key when the server echoes it back in an error, as OpenAI does', async () => {
    emulator.setFaults([
      {
        route: 'images.edits',
        status: 401,
        body: {
          error: {
            message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com.`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        },
      },
    ]);
    const error = await run().catch((e) => e);
    expect(error).toMatchObject({ code: 'authentication' });
    expect(error.message).toContain('Incorrect API key provided');
    for (const text of [error.message, String(error), JSON.stringify(error), error.stack]) {
      expect(text).not.toContain(key);
    }
  });
});
