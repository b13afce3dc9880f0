import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RetouchError } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  nodeHost,
  openAIProvider,
  startSessionEmulator,
  tempFolder,
  writeImages,
} from '../__fixtures__/session-fixture.js';
import { adviseError } from '../advice/error-advice.js';
import { builtInPresets } from '../presets/built-in-presets.js';
import { planEdit } from './plan-edit.js';

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

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the plan to fail');
    },
    (error: RetouchError) => error,
  );

describe('planEdit', () => {
  it('resolves the model, the folders and the estimate, creating the output folder', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const out = join(folder.dir, 'edited', 'deep');
    const plan = await planEdit(nodeHost(folder.dir), {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: '  make it sepia ',
      images: [photo!],
      out,
      options: { n: 2, quality: 'low', size: '1024x1024' },
    });
    expect(plan).toMatchObject({ model: 'gpt-image-1', prompt: 'make it sepia', edits: 1 });
    expect(plan.folders).toEqual([out]);
    expect(plan.perEdit).toMatchObject({ kind: 'estimate', currency: 'USD' });
    // Proven writable, and the probe left nothing behind.
    expect(await readdir(out)).toEqual([]);
    expect(emulator.requests).toHaveLength(0);
  });

  it('refuses a folder results cannot go to before anything is sent, pointing at the setting', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    await writeFile(join(folder.dir, 'notes.txt'), 'not a folder');
    const host = nodeHost(folder.dir, {
      folderAdvice: () => ({ field: 'retouch.outputFolder', advice: 'Set another folder.' }),
    });
    const error = await failure(
      planEdit(host, {
        provider: openAIProvider(emulator),
        prompt: 'sepia',
        images: [photo!],
        out: join(folder.dir, 'notes.txt', 'edits'),
      }),
    );
    expect(error.message).toMatch(
      /Results cannot be written to .*notes\.txt.*Nothing was sent\. Set another folder\./,
    );
    const advice = adviseError(error, { provider: 'OpenAI-compatible' });
    expect(advice).toMatchObject({
      actions: ['open-settings', 'show-log'],
      settings: 'retouch.outputFolder',
      exitCode: 2,
    });
    expect(emulator.requests).toHaveLength(0);
  });

  it('stops when the provider needs a key and has none, offering to set one', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const error = await failure(
      planEdit(nodeHost(folder.dir), {
        provider: openAIProvider(emulator),
        prompt: 'sepia',
        images: [photo!],
        key: { required: true, present: false },
      }),
    );
    const advice = adviseError(error, { provider: 'OpenAI-compatible', canRetry: true });
    expect(advice).toMatchObject({
      title: 'OpenAI-compatible needs an API key.',
      actions: ['set-key', 'show-log'],
      exitCode: 3,
    });
  });

  it('refuses one edit that could cost more than its budget, and one the host does not confirm', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const request = {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'sepia',
      images: [photo!],
      options: { quality: 'high', size: '1024x1024' },
    };
    const over = await failure(planEdit(nodeHost(folder.dir), { ...request, maxCost: 0.001 }));
    expect(over.message).toMatch(
      /^Not sent: it could cost up to \$0\.\d+ .*over the budget of \$0\.001/,
    );
    const asked: number[] = [];
    const declined = await failure(
      planEdit(
        nodeHost(folder.dir, {
          confirmCost: (estimate) => {
            asked.push(estimate.kind === 'estimate' ? estimate.amount : -1);
            return false;
          },
        }),
        request,
      ),
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBeGreaterThan(0);
    expect(declined.code).toBe('cancelled');
    expect(emulator.requests).toHaveLength(0);
  });

  it('takes the prompt and options of a preset where the request sets none', async () => {
    const [photo] = await writeImages(folder.dir, ['photo.png']);
    const preset = builtInPresets.find((candidate) => candidate.name === 'remove-background')!;
    const host = nodeHost(folder.dir);
    const request = { provider: openAIProvider(emulator), images: [photo!], preset };
    const plan = await planEdit(host, { ...request, options: { n: 2 } });
    expect(plan.prompt).toBe(preset.prompt);
    expect(plan.options).toMatchObject({ ...preset.options, n: 2 });
    const own = await planEdit(host, {
      ...request,
      prompt: ' only the sky ',
      options: { outputFormat: 'jpeg' },
    });
    expect(own.prompt).toBe('only the sky');
    expect(own.options.outputFormat).toBe('jpeg');
  });

  it('probes every folder a batch writes to, and plans one edit per image', async () => {
    await mkdir(join(folder.dir, 'a'));
    await mkdir(join(folder.dir, 'b'));
    const images = await writeImages(folder.dir, ['a/one.png', 'b/two.png']);
    const plan = await planEdit(nodeHost(folder.dir), {
      provider: openAIProvider(emulator),
      model: 'gpt-image-1',
      prompt: 'sepia',
      images,
      each: true,
      options: { quality: 'low', size: '1024x1024' },
    });
    expect(plan.folders).toEqual([join(folder.dir, 'a'), join(folder.dir, 'b')]);
    expect(plan.edits).toBe(2);
    expect(plan.total).toMatchObject({ kind: 'estimate' });
    if (plan.total.kind === 'estimate' && plan.perEdit.kind === 'estimate') {
      expect(plan.total.amount).toBeCloseTo(plan.perEdit.amount * 2);
    }
  });
});
