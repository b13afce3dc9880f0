import { editImage } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  queueProviderFor,
  routesSeen,
  solidPng,
  startQueueEmulator,
} from './__fixtures__/queue-test-setup.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startQueueEmulator({ jobDurationMs: 300 });
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

async function edit(config: Parameters<typeof queueProviderFor>[1] = {}) {
  const started = Date.now();
  const result = await editImage({
    provider: queueProviderFor(emulator, config),
    model: 'gpt_image_1_edit',
    prompt: 'blur',
    images: await solidPng(),
  });
  return { result, elapsedMs: Date.now() - started };
}

describe('the status stream', () => {
  it('falls back to polling when the stream goes silent', async () => {
    emulator.setFaults([{ route: 'queue.status.stream', slowStreamMs: 4_000 }]);
    const { result, elapsedMs } = await edit({ sseInactivityMs: 250 });
    expect(result.images).toHaveLength(1);
    const routes = routesSeen(emulator);
    expect(routes.indexOf('queue.status.stream')).toBeLessThan(routes.indexOf('queue.status'));
    // Generous: proves the 4 s stall was abandoned, not waited out.
    expect(elapsedMs).toBeLessThan(3_500);
  });

  it('falls back to polling when the stream does not even send headers', async () => {
    emulator.setFaults([{ route: 'queue.status.stream', delayMs: 4_000 }]);
    const { result, elapsedMs } = await edit({ sseInactivityMs: 250 });
    expect(result.images).toHaveLength(1);
    expect(routesSeen(emulator)).toContain('queue.status');
    expect(elapsedMs).toBeLessThan(3_500);
  });

  it.each([
    { fault: { status: 503 }, why: 'an error status' },
    { fault: { drop: true }, why: 'a dropped connection' },
    { fault: { truncate: true }, why: 'a stream cut mid-event' },
  ])('falls back to polling on $why', async ({ fault }) => {
    emulator.setFaults([{ route: 'queue.status.stream', ...fault }]);
    const { result } = await edit();
    expect(result.images).toHaveLength(1);
    expect(routesSeen(emulator)).toContain('queue.status');
  });

  it('skips a garbled event and keeps following the stream', async () => {
    emulator.setFaults([{ route: 'queue.status.stream', malformedJson: true }]);
    const { result } = await edit();
    expect(result.images).toHaveLength(1);
    expect(routesSeen(emulator)).not.toContain('queue.status');
  });
});
