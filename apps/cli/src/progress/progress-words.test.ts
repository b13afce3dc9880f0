import {
  describeEditProgress,
  initialEditProgress,
  reduceEditProgress,
  type SessionProgressEvent,
} from '@retouch/session';
import { describe, expect, it } from 'vitest';
import { formatProgress } from './progress-line.js';

const stateAfter = (...events: SessionProgressEvent[]) =>
  events.reduce(reduceEditProgress, initialEditProgress);

describe('the terminal line and the session words', () => {
  it('gives every event the session words VS Code shows, with only the elapsed time added', () => {
    const sequences: SessionProgressEvent[][] = [
      [],
      [{ type: 'validated', calls: 2 }],
      [{ type: 'queued', call: 0 }],
      [{ type: 'queued', call: 0, position: 0 }],
      [{ type: 'queued', call: 0, position: 4 }],
      [{ type: 'running', call: 0, logs: ['step 1/2'] }],
      [{ type: 'image-done', call: 0, index: 0 }],
      [{ type: 'written', count: 1 }],
      [{ type: 'failed', error: new Error('boom') }],
    ];
    for (const events of sequences) {
      const state = stateAfter(...events);
      expect(formatProgress(state, 4200)).toBe(`${describeEditProgress(state)} · 4.2s`);
    }
    expect(formatProgress(stateAfter({ type: 'queued', call: 0, position: 0 }), 0)).toBe(
      'waiting in the queue, next in line · 0.0s',
    );
  });
});
