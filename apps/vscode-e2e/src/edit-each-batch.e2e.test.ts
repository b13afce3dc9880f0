import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng, grayShare, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { waitForResultFiles } from './harness/workspace-files.js';

const names = ['alpha.png', 'beta.png', 'gamma.png'];

describe('Retouch: Edit Each… at half price on the Batch API, across a window reload', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // The 24 h window stands for 160 s: the batch runs for about 40 s, long enough that the
    // window is reloaded while it runs.
    emulator = await startEmulator({ batchWindowMs: 160_000, log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'edit-each-batch',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url),
    files: Object.fromEntries(
      await Promise.all(
        names.map(async (name, i) => [name, await colorfulPng(48 + 16 * i, 40)] as const),
      ),
    ),
  }));

  test('picks "Half price, within 24 h", reloads while the batch runs, and the results arrive after', async ({
    workbench,
    workspaceDir,
  }) => {
    const menu = await workbench.explorer.contextMenu('gamma.png', { selection: names });
    await menu.choose('Edit Each…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    await workbench.quickInput.waitFor({ title: /Estimated Cost/ });
    await workbench.screenshot('now-or-half-price');
    await workbench.quickInput.pick(/Half price, within 24 h/, { title: /Estimated Cost/ });

    await workbench.notifications.waitFor(/at half price/, 60_000);
    await workbench.notifications.waitFor(/sent 3 to OpenAI's Batch API|batch .*processed/, 60_000);
    await workbench.screenshot('batch-sent');
    expect(emulator.batches.size).toBe(1);
    const [batch] = [...emulator.batches.values()];
    expect(batch!.status).not.toBe('completed');

    await workbench.reloadWindow();

    // After the reload Retouch says the batch did not finish; Resume follows the same batch.
    await workbench.notifications.clickButton(
      /Edit Each batch "make it grayscale" did not finish/,
      'Resume',
      90_000,
    );
    await workbench.notifications.waitFor(/at half price/, 60_000);
    await workbench.screenshot('following-after-reload');
    for (const name of names)
      await waitForResultFiles(workspaceDir, name.replace('.png', ''), 180_000);
    await workbench.notifications.waitFor(/Retouch: Edit Each: 3 of 3 done · cost \$/, 60_000);
    await workbench.screenshot('batch-results');

    // The batch created before the reload is the one whose results were written: no second one,
    // and no live edits.
    expect(emulator.batches.size).toBe(1);
    expect(emulator.requests.filter((request) => request.route === 'batches.create')).toHaveLength(
      1,
    );
    expect(emulator.requests.filter((request) => request.route === 'images.edits')).toHaveLength(0);
    expect(batch!.status).toBe('completed');
    for (const name of names) {
      const stem = name.replace('.png', '');
      const edited = await readRgba(join(workspaceDir, `${stem}.retouch-1.png`));
      // A batch answer is written as the server sent it, at the gpt-image-1 size nearest each
      // source's shape; nothing was padded that a batch could not crop off again.
      expect(['1024x1024', '1536x1024']).toContain(`${edited.width}x${edited.height}`);
      expect(grayShare(edited)).toBeGreaterThan(0.99);
      const { comments } = await sharp(join(workspaceDir, `${stem}.retouch-1.png`)).metadata();
      const record = JSON.parse(comments?.find((c) => c.keyword === 'retouch.edit')?.text ?? '{}');
      expect(record.sources).toEqual([expect.objectContaining({ path: name })]);
      expect(record.cost).toMatchObject({ kind: 'actual', currency: 'USD' });
    }
  }, 420_000);
});
