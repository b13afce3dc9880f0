import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRegistry, type JobHandle } from '@retouch/core';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  breakableFileSystem,
  nodeHost,
  openAIProvider,
  queueProvider,
  startSessionEmulator,
  tempFolder,
  writeImages,
} from '../__fixtures__/session-fixture.js';
import { adviseError } from '../advice/error-advice.js';
import type { DeliveredEdit } from '../deliver/delivered-edit.js';
import { planEdit } from '../plan/plan-edit.js';
import {
  describeEditProgress,
  initialEditProgress,
  reduceEditProgress,
  type SessionProgressEvent,
} from '../progress/edit-progress.js';
import { performEdit } from './perform-edit.js';
import { keepPendingEdit, resumePendingEdit } from './resume-pending-edit.js';

let emulator: Emulator;
let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  emulator = await startSessionEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  folder = await tempFolder();
  emulator.reset();
});
afterEach(() => folder.remove());

describe('performEdit', () => {
  it('writes every result beside the source with its record, and tells the history', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const history: DeliveredEdit<string>[] = [];
    const host = nodeHost(folder.dir, { history: (edit) => void history.push(edit) });
    const plan = await planEdit(host, {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'make it sepia',
      images: [photo!],
      options: { n: 2 },
      endpoint: `${emulator.url}/v1`,
    });
    let progress = initialEditProgress;
    const outcome = await performEdit(host, plan, {
      onProgress: (event) => {
        progress = reduceEditProgress(progress, event);
      },
    });
    expect(outcome.outputs.map((output) => output.name)).toEqual([
      'photo.retouch-1.png',
      'photo.retouch-2.png',
    ]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.cost).toMatchObject({ kind: 'actual', currency: 'USD' });
    expect(describeEditProgress(progress)).toBe('wrote 2 images');
    const found = await readOutputRecord(
      nodeOutputFileSystem,
      join(folder.dir, 'photo.retouch-2.png'),
    );
    expect(found?.record).toMatchObject({
      prompt: 'make it sepia',
      tool: { name: 'session-test' },
      model: 'gpt-image-1',
      sources: [{ path: 'photo.png' }],
    });
    expect(JSON.stringify(found?.record)).not.toContain('sk-session');
    expect(history).toHaveLength(1);
    expect(history[0]!.delivery.outputs).toHaveLength(2);
  });

  it('rescues the results when the folder fails after the plan, and says where they are', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const { fs, broken } = breakableFileSystem();
    const host = nodeHost(folder.dir, { fs });
    const out = join(folder.dir, 'edited');
    const plan = await planEdit(host, {
      provider: openAIProvider(emulator),
      prompt: 'sepia',
      images: [photo!],
      out,
    });
    broken.add(out);
    const outcome = await performEdit(host, plan);
    expect(outcome.outputs).toHaveLength(1);
    expect(outcome.outputs[0]).toMatchObject({ rescued: true });
    expect(await readdir(join(folder.dir, 'rescued'))).toEqual(['photo.retouch-1.png']);
    expect(outcome.error?.code).toBe('output');
    expect(outcome.error?.message).toContain(join(folder.dir, 'rescued', 'photo.retouch-1.png'));
    expect(adviseError(outcome.error, { provider: 'OpenAI-compatible' }).exitCode).toBe(8);
  });

  it('follows a queue job, and resumes it from its handle to deliver the result again', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const host = nodeHost(folder.dir);
    const provider = queueProvider(emulator);
    const plan = await planEdit(host, { provider, prompt: 'sepia', images: [photo!] });
    const events: SessionProgressEvent[] = [];
    let progress = initialEditProgress;
    const outcome = await performEdit(host, plan, {
      editId: 'edit-1',
      onProgress: (event) => {
        events.push(event);
        progress = reduceEditProgress(progress, event);
      },
    });
    expect(progress.phase).toBe('written');
    expect(events.map((event) => event.type)).toContain('job-started');
    const started = events.find((event) => event.type === 'job-started');
    const handle = JSON.parse(JSON.stringify((started as { handle: JobHandle }).handle));
    const resumed = await resumePendingEdit(host, provider, {
      handle,
      editId: 'edit-1',
      prompt: 'sepia',
      options: plan.options,
      sources: [{ location: photo!, sha256: '' }],
      folder: folder.dir,
    });
    expect(outcome.outputs[0]!.name).toBe('photo.retouch-1.png');
    expect(resumed.outputs[0]!.name).toBe('photo.retouch-2.png');
    expect(resumed.editId).toBe(`edit-1-${handle.id}`);
  });
});

describe('an edit the server refuses', () => {
  it('gets the advice both apps show: what the server said, without the key, and Set Key', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const host = nodeHost(folder.dir, { secrets: ['sk-wrong-key-0123456789'] });
    const provider = createRegistry([openAICompatiblePlugin]).createProvider('openai-compatible', {
      baseURL: `${emulator.url}/v1`,
      apiKey: 'sk-wrong-key-0123456789',
    });
    const plan = await planEdit(host, { provider, prompt: 'sepia', images: [photo!] });
    let progress = initialEditProgress;
    const error = await performEdit(host, plan, {
      onProgress: (event) => {
        progress = reduceEditProgress(progress, event);
      },
    }).catch((caught) => caught);
    expect(progress).toMatchObject({ phase: 'failed', error });
    const advice = adviseError(error, {
      provider: 'OpenAI-compatible',
      secrets: ['sk-wrong-key-0123456789'],
      canRetry: true,
    });
    expect(advice.title).toMatch(/^OpenAI-compatible did not accept the API key \(HTTP 401\)\./);
    expect(advice).toMatchObject({ actions: ['set-key', 'retry', 'show-log'], exitCode: 3 });
    expect(JSON.stringify(advice)).not.toContain('sk-wrong-key');
    expect(await readdir(folder.dir)).toEqual(['photo.png']);
  });
});

describe('keepPendingEdit', () => {
  it('keeps a job the provider cannot be reached about, and drops one the provider no longer has', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const host = nodeHost(folder.dir);
    const provider = queueProvider(emulator);
    const plan = await planEdit(host, { provider, prompt: 'sepia', images: [photo!] });
    let handle: JobHandle | undefined;
    await performEdit(host, plan, {
      onProgress: (event) => {
        if (event.type === 'job-started') handle = event.handle;
      },
    });
    const pending = {
      handle: handle!,
      editId: 'e',
      prompt: 'sepia',
      options: {},
      sources: [{ location: photo!, sha256: '' }],
      folder: folder.dir,
    };
    emulator.setFaults([{ route: '*', drop: true }]);
    const unreachable = await resumePendingEdit(host, provider, pending, {
      maxJobRetries: 0,
    }).catch((error) => error);
    expect(unreachable.code).toBe('network');
    expect(keepPendingEdit(unreachable)).toBe(true);
    // The emulator forgets its jobs: the job is gone for good.
    emulator.reset();
    const gone = await resumePendingEdit(host, provider, pending).catch((error) => error);
    expect(keepPendingEdit(gone)).toBe(false);
  });
});
