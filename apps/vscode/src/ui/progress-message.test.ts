import {
  describeEditProgress,
  initialEditProgress,
  reduceEditProgress,
  type SessionProgressEvent,
} from '@retouch/session';
import { describe, expect, it } from 'vitest';
import { asSentence, progressMessage } from './progress-message.js';

const stateAfter = (...events: SessionProgressEvent[]) =>
  events.reduce(reduceEditProgress, initialEditProgress);
const messageAfter = (...events: SessionProgressEvent[]) => progressMessage(stateAfter(...events));

describe('progressMessage', () => {
  it("reads a queued and a running edit in the session's words, as a sentence", () => {
    expect(messageAfter({ type: 'queued', call: 0, position: 1 })).toBe(
      'Waiting in the queue, position 1',
    );
    expect(messageAfter({ type: 'queued', call: 0 })).toBe('Waiting in the queue');
    expect(messageAfter({ type: 'running', call: 0 })).toBe('Editing');
    expect(messageAfter({ type: 'running', call: 0, logs: ['step 2/4'] })).toBe(
      'Editing: step 2/4',
    );
    expect(
      messageAfter(
        { type: 'running', call: 0 },
        { type: 'retrying', call: 0, attempt: 2, delayMs: 500, reason: 'HTTP 503' },
      ),
    ).toBe('Editing · 1 retry (attempt 2: HTTP 503)');
  });

  it('says "next in line" at queue position 0, as the CLI does, never "position 0"', () => {
    const message = messageAfter({ type: 'queued', call: 0, position: 0 });
    expect(message).toBe('Waiting in the queue, next in line');
    expect(message).not.toContain('position');
  });

  it('gives the same event the same words as the CLI line, as a sentence', () => {
    const sequences: SessionProgressEvent[][] = [
      [],
      [{ type: 'validated', calls: 1 }],
      [{ type: 'validated', calls: 2 }],
      [{ type: 'image-done', call: 0, index: 0 }],
      [
        { type: 'partial-image', call: 0, index: 0, image: new Uint8Array() },
        { type: 'image-done', call: 0, index: 0 },
        { type: 'image-done', call: 0, index: 1 },
      ],
      [{ type: 'written', count: 2 }],
      [{ type: 'failed', error: new Error('boom') }],
    ];
    for (const events of sequences) {
      const state = stateAfter(...events);
      expect(progressMessage(state)).toBe(asSentence(describeEditProgress(state)));
    }
    expect(messageAfter()).toBe('Sending');
    expect(messageAfter({ type: 'image-done', call: 0, index: 0 })).toBe('Received 1 image');
  });

  it('keeps what follows the queue place, as the CLI line does', () => {
    const queued = stateAfter(
      { type: 'validated', calls: 2 },
      { type: 'queued', call: 0, position: 3 },
    );
    expect(describeEditProgress(queued)).toBe('waiting in the queue, position 3 · 2 calls');
    expect(progressMessage(queued)).toBe('Waiting in the queue, position 3 · 2 calls');
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
