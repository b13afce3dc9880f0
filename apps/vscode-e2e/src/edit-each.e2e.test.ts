import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng, grayShare, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { listFiles, resultFiles, waitForResultFiles } from './harness/workspace-files.js';

const names = ['alpha.png', 'beta.png', 'gamma.png'];

describe('Retouch: Edit Each… on several selected images', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'edit-each',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url),
    files: Object.fromEntries(
      await Promise.all(
        names.map(async (name, i) => [name, await colorfulPng(48 + 16 * i, 40)] as const),
      ),
    ),
  }));

  test('edits each of 3 selected images on its own: 3 results, one progress notification for the batch', async ({
    workbench,
    workspaceDir,
  }) => {
    // The third edit takes a while, so the batch's notification can be read mid-way.
    emulator.setFaults([{ route: 'images.edits', afterRequests: 2, times: 1, delayMs: 20_000 }]);
    const menu = await workbench.explorer.contextMenu('gamma.png', { selection: names });
    await workbench.screenshot('three-images-selected');
    await menu.choose('Edit Each…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });

    // gpt-image-1, quality left to the model: up to $0.25 an image, above the default $0.25.
    await workbench.quickInput.waitFor({ title: /Estimated Cost ≈ \$0\.75 \(estimate\)/ });
    await workbench.screenshot('cost-confirmation');
    await workbench.quickInput.pick(/Edit 3 Images/, { title: /Estimated Cost/ });

    await workbench.notifications.waitFor(/2 of 3 done · 1 running · 0 left/);
    await workbench.screenshot('batch-progress');
    // One notification for the whole batch, not one per image.
    expect(await workbench.notifications.find(/Retouch: Edit Each/).count()).toBe(1);

    for (const name of names) await waitForResultFiles(workspaceDir, name.replace('.png', ''));
    await workbench.notifications.waitFor(/Retouch: Edit Each: 3 of 3 done · cost \$/);
    await workbench.screenshot('batch-done');
    expect(emulator.requests.filter((request) => request.route === 'images.edits')).toHaveLength(3);
    // Finished: nothing to resume, so no journal is left beside the results.
    expect(listFiles(workspaceDir).filter((name) => name.startsWith('.retouch-batch-'))).toEqual(
      [],
    );
    for (const name of names) {
      const stem = name.replace('.png', '');
      expect(resultFiles(workspaceDir, stem)).toEqual([`${stem}.retouch-1.png`]);
      const source = await readRgba(join(workspaceDir, name));
      const edited = await readRgba(join(workspaceDir, `${stem}.retouch-1.png`));
      // Each result is its own source, edited at gpt-image-1's size (1024 or 1536 a side), now
      // gray; with the image codec the engine keeps each source's framing.
      expect(Math.max(edited.width, edited.height)).toBeGreaterThanOrEqual(1024);
      expect(edited.width / edited.height).toBeCloseTo(source.width / source.height, 1);
      expect(grayShare(edited)).toBeGreaterThan(0.99);
      const { comments } = await sharp(join(workspaceDir, `${stem}.retouch-1.png`)).metadata();
      const record = JSON.parse(comments?.find((c) => c.keyword === 'retouch.edit')?.text ?? '{}');
      expect(record.sources).toEqual([expect.objectContaining({ path: name })]);
      expect(record.cost).toMatchObject({ kind: 'actual', currency: 'USD' });
    }
  });
});
