import {
  reduceEditProgress as applyProgressEvent,
  formatElapsed,
  initialEditProgress as initialProgress,
} from '@retouch/session';
import { describe, expect, it } from 'vitest';
import { formatProgress } from './progress-line.js';

describe('progress line', () => {
  it('follows a queued job from its position to running to done', () => {
    let state = applyProgressEvent(initialProgress, { type: 'queued', call: 0, position: 3 });
    expect(formatProgress(state, 1200)).toBe('waiting in the queue, position 3 · 1.2s');
    state = applyProgressEvent(state, { type: 'queued', call: 0, position: 0 });
    expect(formatProgress(state, 1500)).toBe('waiting in the queue, next in line · 1.5s');
    expect(state).toMatchObject({ waitedInQueue: true, mostAhead: 3 });
    state = applyProgressEvent(state, { type: 'running', call: 0, logs: ['step 2/4'] });
    expect(formatProgress(state, 2500)).toBe('editing: step 2/4 · 2.5s');
    state = applyProgressEvent(state, { type: 'image-done', call: 0, index: 0 });
    expect(formatProgress(state, 3000)).toBe('received 1 image · 3.0s');
  });

  it('counts partial images and retries with the reason', () => {
    let state = applyProgressEvent(initialProgress, {
      type: 'partial-image',
      call: 0,
      index: 0,
      image: new Uint8Array(),
    });
    state = applyProgressEvent(state, {
      type: 'retrying',
      call: 0,
      attempt: 2,
      delayMs: 500,
      reason: 'HTTP 503',
    });
    expect(formatProgress(state, 61_000)).toBe(
      'editing · 1 partial · 1 retry (attempt 2: HTTP 503) · 1m01s',
    );
  });

  it('shows queue log lines and retry reasons without the escape sequences a server put in them', () => {
    let state = applyProgressEvent(initialProgress, {
      type: 'running',
      call: 0,
      logs: ['\x1b[2J\x1b[Hstep\x1b]0;pwned\x07 2/4\r\nfake'],
    });
    state = applyProgressEvent(state, {
      type: 'retrying',
      call: 0,
      attempt: 2,
      delayMs: 500,
      reason: 'HTTP 503: \x1b[31mbusy\x1b[0m',
    });
    expect(formatProgress(state, 1000)).toBe(
      'editing: step 2/4 fake · 1 retry (attempt 2: HTTP 503: busy) · 1.0s',
    );
  });

  it('formats elapsed time for short and long waits', () => {
    expect(formatElapsed(0)).toBe('0.0s');
    expect(formatElapsed(125_000)).toBe('2m05s');
  });
});
