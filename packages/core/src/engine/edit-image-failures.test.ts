import { describe, expect, it } from 'vitest';
import type { EditProgressEvent } from '../contract/progress.js';
import { RetouchError } from '../errors/retouch-error.js';
import { createTestProvider, imagesFor, png, untilAborted } from './__fixtures__/test-provider.js';
import { editImage } from './edit-image.js';

const photo = await png(64, 48);

describe('editImage when things go wrong', () => {
  it('retries a rate-limited call after the server’s Retry-After and says so', async () => {
    let attempts = 0;
    const events: EditProgressEvent[] = [];
    const provider = createTestProvider({
      edit: async (call) => {
        if (++attempts === 1) {
          throw new RetouchError({
            code: 'rate_limited',
            message: 'busy',
            status: 429,
            retryAfterMs: 20,
          });
        }
        return imagesFor(call);
      },
    });
    const result = await editImage({
      provider,
      model: 'test-model',
      prompt: 'x',
      images: photo,
      onProgress: (e) => events.push(e),
    });
    expect(result.images).toHaveLength(1);
    expect(events).toContainEqual({
      type: 'retrying',
      call: 0,
      attempt: 2,
      delayMs: 20,
      reason: 'busy',
    });
  });

  it('cancels a running call when the user aborts', async () => {
    const controller = new AbortController();
    const provider = createTestProvider({ edit: (call) => untilAborted(call.signal) });
    const edit = editImage({
      provider,
      model: 'test-model',
      prompt: 'x',
      images: photo,
      signal: controller.signal,
      onProgress: (e) => e.type === 'running' && controller.abort(),
    });
    await expect(edit).rejects.toMatchObject({ code: 'cancelled', retryable: false });
  });

  it('times out an attempt that hangs and the whole edit at totalTimeoutMs', async () => {
    const provider = createTestProvider({ edit: (call) => untilAborted(call.signal) });
    await expect(
      editImage({
        provider,
        model: 'test-model',
        prompt: 'x',
        images: photo,
        timeoutMs: 30,
        maxRetries: 0,
      }),
    ).rejects.toMatchObject({ code: 'timeout' });
    await expect(
      editImage({ provider, model: 'test-model', prompt: 'x', images: photo, totalTimeoutMs: 30 }),
    ).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('totalTimeoutMs'),
    });
  });

  it('fails the whole edit with the first call’s error and aborts the sibling calls', async () => {
    const aborted: number[] = [];
    let index = 0;
    const provider = createTestProvider({
      edit: async (call) => {
        const mine = index++;
        if (mine === 1)
          throw new RetouchError({ code: 'authentication', message: 'bad key', status: 401 });
        await untilAborted(call.signal).catch(() => aborted.push(mine));
        throw call.signal.reason;
      },
    });
    await expect(
      editImage({ provider, model: 'test-model', prompt: 'x', images: photo, n: 10 }),
    ).rejects.toMatchObject({ code: 'authentication' });
    expect(aborted.sort()).toEqual([0, 2]);
  });

  it('never lets a secret the provider holds escape in an error', async () => {
    const key = 'sk-live-0123456789abcdef';
    const leaky = [
      new RetouchError({ code: 'authentication', message: `key ${key} was refused`, status: 401 }),
      new TypeError(`cannot read header Bearer ${key}`),
      new RetouchError({
        code: 'server',
        message: 'fine',
        cause: new Error(`socket said ${key}`),
        retryable: false,
      }),
    ];
    for (const thrown of leaky) {
      const provider = createTestProvider({
        secrets: [key],
        edit: async () => Promise.reject(thrown),
      });
      const error = await editImage({
        provider,
        model: 'test-model',
        prompt: 'x',
        images: photo,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(RetouchError);
      for (const text of [
        error.message,
        String(error),
        JSON.stringify(error),
        error.stack,
        String(error.cause),
      ]) {
        expect(text).not.toContain(key);
      }
    }
  });
});
