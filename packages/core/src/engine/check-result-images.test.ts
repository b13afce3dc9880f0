import { describe, expect, it } from 'vitest';
import type { EditProgressEvent } from '../contract/progress.js';
import { isRetouchError } from '../errors/retouch-error.js';
import { createTestProvider, png } from './__fixtures__/test-provider.js';
import { editImage } from './edit-image.js';

const photo = await png(64, 48);
const whole = new Uint8Array(await png(8, 6));
/** The signature and IHDR, then nothing: what a server cut off after 45 bytes sends. */
const cutAfterHeader = whole.subarray(0, 45);

describe('editImage and incomplete images', () => {
  it('retries an edit whose image came back cut short, and returns the whole one', async () => {
    const events: EditProgressEvent[] = [];
    let attempts = 0;
    const provider = createTestProvider({
      edit: async () => ({ images: [{ data: ++attempts === 1 ? cutAfterHeader : whole }] }),
    });
    const result = await editImage({
      provider,
      model: 'test-model',
      prompt: 'x',
      images: photo,
      onProgress: (event) => events.push(event),
    });
    expect(attempts).toBe(2);
    expect(result.images[0]!.data).toEqual(whole);
    const retry = events.find((event) => event.type === 'retrying');
    expect(retry).toMatchObject({ reason: expect.stringMatching(/image 1 incomplete/) });
  });

  it('ends with invalid_response, never a saved result, when every attempt is cut short', async () => {
    const provider = createTestProvider({
      edit: async () => ({ images: [{ data: cutAfterHeader }] }),
    });
    const error = await editImage({
      provider,
      model: 'test-model',
      prompt: 'x',
      images: photo,
      maxRetries: 1,
    }).catch((caught: unknown) => caught);
    expect(isRetouchError(error) && error.code).toBe('invalid_response');
    expect(String((error as Error).message)).toMatch(
      /image 1 incomplete: the PNG .* (is cut short|ends before its IEND)/,
    );
    expect(provider.calls).toHaveLength(2);
  });

  it('re-fetches a long job’s result (not a new job) when its image is cut short', async () => {
    let started = 0;
    let fetched = 0;
    const provider = createTestProvider({
      jobs: {
        start: async () => {
          started += 1;
          return { provider: 'test', model: 'test-model', id: 'job-1', data: {}, createdAt: '' };
        },
        watch: async function* () {
          yield { state: 'completed' as const };
        },
        result: async () => ({ images: [{ data: ++fetched === 1 ? cutAfterHeader : whole }] }),
        cancel: async () => 'cancelled' as const,
      },
    });
    const result = await editImage({ provider, model: 'test-model', prompt: 'x', images: photo });
    expect(result.images[0]!.data).toEqual(whole);
    expect({ started, fetched }).toEqual({ started: 1, fetched: 2 });
  });
});
