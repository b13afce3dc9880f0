import { describe, expect, it } from 'vitest';
import {
  describeEditFacts,
  describeEditProgress,
  describeQueuePlace,
  describeQueuePosition,
  formatElapsed,
  initialEditProgress,
  reduceEditProgress,
  type SessionProgressEvent,
} from './edit-progress.js';

const run = (events: SessionProgressEvent[]) =>
  events.reduce(reduceEditProgress, initialEditProgress);

describe('edit progress', () => {
  it('follows a queued job from its position (0 is next in line) to running to written', () => {
    let state = run([{ type: 'queued', call: 0, position: 3 }]);
    expect(describeEditProgress(state)).toBe('waiting in the queue, position 3');
    state = reduceEditProgress(state, { type: 'queued', call: 0, position: 0 });
    expect(describeEditProgress(state)).toBe('waiting in the queue, next in line');
    state = reduceEditProgress(state, { type: 'running', call: 0, logs: ['step 2/4'] });
    expect(describeEditProgress(state)).toBe('editing: step 2/4');
    expect(state.queuePosition).toBeUndefined();
    state = reduceEditProgress(state, { type: 'image-done', call: 0, index: 0 });
    expect(describeEditProgress(state)).toBe('received 1 image');
    state = reduceEditProgress(state, { type: 'written', count: 1 });
    expect(describeEditProgress(state)).toBe('wrote 1 image');
    expect(describeEditFacts(state)).toEqual(['waited in queue behind up to 3 jobs']);
  });

  it('does not say "editing" twice when the runner\'s log says it already', () => {
    const running = (log: string) =>
      describeEditProgress(run([{ type: 'running', call: 0, logs: [log] }]));
    expect(running('Editing image')).toBe('editing image');
    expect(running('step 2/4')).toBe('editing: step 2/4');
  });

  it('words a queue place the one way both apps say it: 0 (no job ahead) is next in line', () => {
    expect([0, 1, 3].map(describeQueuePlace)).toEqual(['next in line', 'position 1', 'position 3']);
    expect([undefined, 0, 2].map(describeQueuePosition)).toEqual([
      'waiting in the queue',
      'waiting in the queue, next in line',
      'waiting in the queue, position 2',
    ]);
    expect(describeEditProgress(initialEditProgress)).toBe('sending');
    expect(describeEditProgress(run([{ type: 'validated', calls: 2 }]))).toBe('sending · 2 calls');
    expect(describeEditProgress(run([{ type: 'failed', error: new Error('x') }]))).toBe('failed');
  });

  it('keeps the newest partial for a preview, and counts retries with the reason', () => {
    const image = new Uint8Array([1, 2, 3]);
    const state = run([
      { type: 'partial-image', call: 0, index: 0, image },
      { type: 'retrying', call: 0, attempt: 2, delayMs: 500, reason: 'HTTP 503' },
    ]);
    expect(state.latestPartial).toBe(image);
    expect(describeEditProgress(state)).toBe('editing · 1 partial · 1 retry (attempt 2: HTTP 503)');
  });

  it('counts down a retry wait, saying when the server rate-limited us, and drops it when over', () => {
    const state = run([
      { type: 'running', call: 0 },
      { type: 'waiting', call: 0, remainingMs: 4200, rateLimited: true },
    ]);
    const endsAt = state.waitEndsAt!;
    expect(describeEditProgress(state, endsAt - 4200)).toBe(
      'editing · rate limited: trying again in 5s',
    );
    expect(describeEditProgress(state, endsAt - 900)).toBe(
      'editing · rate limited: trying again in 1s',
    );
    expect(describeEditProgress(state, endsAt)).toBe('editing');
    const outage = reduceEditProgress(state, {
      type: 'waiting',
      call: 0,
      remainingMs: 2000,
      rateLimited: false,
    });
    expect(describeEditProgress(outage, outage.waitEndsAt! - 2000)).toBe(
      'editing · trying again in 2s',
    );
    const written = reduceEditProgress(outage, { type: 'written', count: 1 });
    expect(describeEditProgress(written, written.waitEndsAt! - 2000)).toBe('wrote 1 image');
  });

  it('never shows ids or escape sequences from the runner log', () => {
    expect(
      describeEditProgress(
        run([
          {
            type: 'running',
            call: 0,
            logs: ['Loading', 'Starting request req_8f3a92c1d04e7b65aa'],
          },
        ]),
      ),
    ).toBe('editing: Loading');
    expect(
      describeEditProgress(
        run([
          { type: 'running', call: 0, logs: ['\x1b[2J\x1b[Hstep\x1b]0;pwned\x07 2/4\r\nfake'] },
        ]),
      ),
    ).toBe('editing: step 2/4 fake');
  });

  it('ends failed with the error, and formats elapsed time', () => {
    const error = new Error('boom');
    const state = run([{ type: 'failed', error }]);
    expect(state).toMatchObject({ phase: 'failed', error });
    expect(formatElapsed(0)).toBe('0.0s');
    expect(formatElapsed(125_000)).toBe('2m05s');
  });
});
