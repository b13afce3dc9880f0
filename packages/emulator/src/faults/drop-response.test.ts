import { describe, expect, it } from 'vitest';
import { dataUrl, useEmulator } from '../test-support/emulator.js';
import { squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator({ jobDurationMs: 60 });

const submit = async () =>
  fetch(`${emulator().url}/v1/queue/m`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'x', images: [dataUrl(await squareOnWhite(16))] }),
  });

describe('the dropResponse fault', () => {
  it('handles the request, then closes the connection without answering', async () => {
    emulator().setFaults([{ route: 'queue.submit', times: 1, dropResponse: true }]);
    await expect(submit()).rejects.toThrow();
    // The submit was processed: its job exists, although the client never learnt its id.
    expect(emulator().jobs.size).toBe(1);
    const next = await submit();
    expect(next.status).toBe(200);
    expect(emulator().jobs.size).toBe(2);
  });

  it('is accepted from JSON, as the CLI, the environment and the admin API give it', async () => {
    const res = await fetch(`${emulator().url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'images.edits', dropResponse: true }),
    });
    expect(res.status).toBeLessThan(300);
    const bad = await fetch(`${emulator().url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'images.edits', dropResponse: 'yes' }),
    });
    expect(bad.status).toBe(400);
  });
});
