import { describe, expect, it } from 'vitest';
import { dataUrl, useEmulator } from '../test-support/emulator.js';
import { squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator();

describe('status stream of a stalled job', () => {
  it('stays open without events and releases its watcher when the client leaves', async () => {
    emulator().setFaults([{ route: 'queue.submit', job: 'stall' }]);
    const res = await fetch(`${emulator().url}/v1/queue/m`, {
      method: 'POST',
      body: JSON.stringify({ prompt: 'x', images: [dataUrl(await squareOnWhite(8))] }),
    });
    const { status_url } = await res.json();
    const controller = new AbortController();
    const stream = await fetch(`${status_url}/stream`, { signal: controller.signal });
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^data: \{"status":"IN_(QUEUE|PROGRESS)"/);
    controller.abort();
    await new Promise((r) => setTimeout(r, 50));
    const after = await fetch(status_url);
    expect((await after.json()).status).toBe('IN_PROGRESS');
  });
});
