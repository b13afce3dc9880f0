import {
  initialEditProgress,
  reduceEditProgress,
  type SessionProgressEvent,
} from '@retouch/session';
import { describe, expect, it } from 'vitest';
import { progressMessage } from './progress-message.js';

const messageAfter = (...events: SessionProgressEvent[]) =>
  progressMessage(events.reduce(reduceEditProgress, initialEditProgress));

describe('progressMessage', () => {
  it('keeps the queue position and "Editing" heads, with the session words after them', () => {
    expect(messageAfter({ type: 'queued', call: 0, position: 1 })).toBe(
      'Waiting in the queue, position 1',
    );
    expect(messageAfter({ type: 'queued', call: 0 })).toBe('Waiting in the queue');
    expect(messageAfter({ type: 'running', call: 0 })).toBe('Editing…');
    expect(messageAfter({ type: 'running', call: 0, logs: ['step 2/4'] })).toBe(
      'Editing: step 2/4',
    );
    expect(
      messageAfter(
        { type: 'running', call: 0 },
        { type: 'retrying', call: 0, attempt: 2, delayMs: 500, reason: 'HTTP 503' },
      ),
    ).toBe('Editing… · 1 retry (attempt 2: HTTP 503)');
  });

  it('says the rest in the session words, the ones the CLI prints', () => {
    expect(messageAfter({ type: 'validated', calls: 1 })).toBe('Sending');
    expect(messageAfter({ type: 'image-done', call: 0, index: 0 })).toBe('Received 1 image');
  });

  it('never shows ids or escape sequences from the runner log', () => {
    expect(
      messageAfter({
        type: 'running',
        call: 0,
        logs: ['Loading', '\x1b[2JStarting request req_8f3a92c1d04e7b65aa'],
      }),
    ).toBe('Editing: Loading');
  });
});
