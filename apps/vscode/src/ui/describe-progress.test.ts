import { describe, expect, it } from 'vitest';
import { describeProgress } from './describe-progress.js';

describe('describeProgress', () => {
  it('shows the queue position, and which request when n was split', () => {
    expect(describeProgress({ type: 'queued', call: 0, position: 3 }, 1)).toBe(
      'Waiting in the queue, position 3',
    );
    expect(describeProgress({ type: 'queued', call: 1, position: 0 }, 2)).toBe(
      'Waiting in the queue, position 0 (request 2 of 2)',
    );
    expect(describeProgress({ type: 'queued', call: 0 }, 1)).toBe('Waiting in the queue');
  });

  it('shows partial images, the latest runner log line and retries', () => {
    expect(
      describeProgress({ type: 'partial-image', call: 0, index: 1, image: new Uint8Array() }, 1),
    ).toBe('Partial image 2 received');
    expect(describeProgress({ type: 'running', call: 0, logs: ['loading', 'step 4/20 '] }, 1)).toBe(
      'Editing: step 4/20',
    );
    const retrying = (attempt: number, delayMs: number) =>
      describeProgress({ type: 'retrying', call: 0, attempt, delayMs, reason: 'HTTP 503' }, 1);
    // The first retry is attempt 2, and the wait shown is the wait the engine takes.
    expect(retrying(2, 400)).toBe('Retrying in 400 ms (attempt 2): HTTP 503');
    expect(retrying(3, 1500)).toBe('Retrying in 1.5 s (attempt 3): HTTP 503');
    expect(retrying(9, 30_000)).toBe('Retrying in 30 s (attempt 9): HTTP 503');
  });

  it('never shows ids from the runner log: an older line without one, or none', () => {
    const running = (logs: string[]) => describeProgress({ type: 'running', call: 0, logs }, 1);
    expect(
      running(['Starting request 3f9c2a1e-6b1d-4c39-9e5f-1d2b3c4d5e6f on gpt_image_1_edit']),
    ).toBe('Editing…');
    expect(running(['Loading the model', 'Starting request req_8f3a92c1d04e7b65aa on flux'])).toBe(
      'Editing: Loading the model',
    );
    expect(running(['step 12/20'])).toBe('Editing: step 12/20');
  });

  it('shows what a server said, not the control characters or bidi overrides it slipped in', () => {
    expect(
      describeProgress({ type: 'running', call: 0, logs: ['\x1b[2Jstep\u202E 4/20\r\nnext'] }, 1),
    ).toBe('Editing: step 4/20 next');
    expect(
      describeProgress(
        { type: 'retrying', call: 0, attempt: 2, delayMs: 900, reason: 'busy\x07\x1b]0;x\x07' },
        1,
      ),
    ).toBe('Retrying in 900 ms (attempt 2): busy');
  });

  it('leaves warnings to the log', () => {
    expect(
      describeProgress({ type: 'warning', warning: { type: 'other', message: 'x' } }, 1),
    ).toBeUndefined();
  });
});
