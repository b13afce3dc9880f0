import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { editImage } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  editRequests,
  providerFor,
  startTestEmulator,
  tempFolder,
} from './__fixtures__/emulator-fixture.js';
import { rejection } from './__fixtures__/rejection.js';

let emulator: Emulator;
const folder = tempFolder();
let bigPath: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  // Noise does not compress: a 3900x3900 RGB PNG stored without compression is ~45.6 MB.
  const side = 3900;
  bigPath = `${folder.dir}/noise-45mb.png`;
  await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toFile(bigPath);
}, 60_000);
afterAll(async () => {
  await emulator.close();
  folder.cleanup();
});
beforeEach(() => emulator.reset());

describe('large uploads from disk', () => {
  it('uploads a 45 MB PNG whole, with an exact content-length (a stream built from the file)', async () => {
    const size = statSync(bigPath).size;
    expect(size).toBeGreaterThan(45_000_000);
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'gpt-image-1',
      prompt: 'make it grayscale',
      images: { path: bigPath },
      // The original file, streamed: shrinking it for the model is not what is tested here.
      keepInput: true,
      size: '1024x1024',
      quality: 'low',
    });
    expect(result.images[0]).toMatchObject({ width: 1024, height: 1024 });
    const [request] = editRequests(emulator);
    expect(request?.status).toBe(200);
    // The whole file arrived as one declared-length multipart body, not a chunked re-encoding.
    expect(Number(request?.headers['content-length'])).toBeGreaterThan(size);
    expect(request?.headers['transfer-encoding']).toBeUndefined();
  }, 60_000);

  it('aborts mid-upload: cancelled at once, connection closed, no retry', async () => {
    // The server waits before reading, so the 45 MB body is still being sent when we abort. The
    // abort waits until the request has reached the server: a fixed delay misses it on a busy machine.
    emulator.setFaults([{ route: 'images.edits', delayMs: 30_000 }]);
    const controller = new AbortController();
    const pending = rejection(
      editImage({
        provider: providerFor(emulator),
        model: 'gpt-image-1',
        prompt: 'make it grayscale',
        images: { path: bigPath },
        keepInput: true,
        signal: controller.signal,
      }),
    );
    await vi.waitFor(() => expect(editRequests(emulator)).toHaveLength(1), {
      timeout: 45_000,
      interval: 20,
    });
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending;
    expect(error.code).toBe('cancelled');
    // At once: long before the server's 30 s delay could have produced an answer.
    expect(performance.now() - abortedAt).toBeLessThan(10_000);
    expect(editRequests(emulator)).toHaveLength(1);
    expect(editRequests(emulator)[0]?.status).toBeUndefined();
  }, 90_000);

  it('gives up an attempt that outlives timeoutMs with a timeout error', async () => {
    emulator.setFaults([{ route: 'images.edits', delayMs: 2000 }]);
    const error = await rejection(
      editImage({
        provider: providerFor(emulator),
        model: 'gpt-image-1',
        prompt: 'make it grayscale',
        images: await sharp({ create: { width: 32, height: 32, channels: 3, background: '#f00' } })
          .png()
          .toBuffer(),
        timeoutMs: 300,
        maxRetries: 0,
      }),
    );
    expect(error.code).toBe('timeout');
  });
});
