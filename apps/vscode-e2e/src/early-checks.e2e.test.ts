import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { colorfulPng } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { listFiles, resultFiles, waitForResultFiles } from './harness/workspace-files.js';

describe('Problems are found early and explained with the way out', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test, session } = useSession(async () => ({
    name: 'early-checks',
    vsix: vsixPath(),
    // Inputs go as they are (`retouch.keepInput`), so the JPEG's type is a problem of its own;
    // prepared, it would be converted to the PNG dall-e-2 takes (photo-inputs covers that).
    userSettings: openAICompatibleSettings(emulator.url, {
      'retouch.model': 'dall-e-2',
      'retouch.keepInput': true,
    }),
    files: {
      'photo.jpg': await sharp({
        create: { width: 96, height: 64, channels: 3, background: { r: 30, g: 120, b: 200 } },
      })
        .jpeg()
        .toBuffer(),
      'hero.png': await colorfulPng(64, 64),
    },
  }));

  beforeEach(async () => {
    const { workbench } = session();
    await workbench.quickInput.close();
    await workbench.notifications.clearAll();
  });

  test('dall-e-2 and a non-square JPEG: refused before the prompt, one problem per line', async ({
    workbench,
    workspaceDir,
  }) => {
    const filesBefore = listFiles(workspaceDir);
    await workbench.explorer.chooseFromContextMenu('photo.jpg', 'Edit Image…');
    const dialog = await workbench.dialogs.waitFor('dall-e-2 cannot edit photo.jpg');
    await workbench.screenshot('refused-before-prompt');
    const { message, detail } = await workbench.dialogs.read(dialog);
    expect(message).toBe('Retouch: dall-e-2 cannot edit photo.jpg.');
    expect(detail).toEqual([
      '• photo.jpg is 96x64; dall-e-2 edits only square images, so crop it or pick another model',
      '• photo.jpg is image/jpeg; allowed: image/png',
    ]);
    expect(await workbench.dialogs.buttons(dialog)).toEqual(
      expect.arrayContaining(['Select Provider and Model', 'Show Log']),
    );
    // The prompt was never asked, and nothing was sent.
    expect((await workbench.quickInput.state()).title).not.toMatch(/Describe the Edit/);
    expect(emulator.requests).toEqual([]);

    await workbench.dialogs.clickButton(
      'dall-e-2 cannot edit photo.jpg',
      'Select Provider and Model',
    );
    await workbench.quickInput.waitFor({ title: 'Retouch: Select Provider' });
    await workbench.quickInput.close();
    expect(listFiles(workspaceDir)).toEqual(filesBefore);
  });

  test('an answer Retouch cannot read is summarised, Retry sends it again, and the prompt is kept', async ({
    workbench,
    workspaceDir,
  }) => {
    emulator.setFaults([{ route: 'images.edits', malformedJson: true, times: 1 }]);
    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const error = await workbench.notifications.waitFor(/could not use/);
    await workbench.screenshot('answer-summarised');
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/sent an answer Retouch could not use \(what it sent is in the log\)/);
    expect(text).not.toMatch(/[{}]/);
    expect(await workbench.notifications.buttons(error)).toEqual([
      'Retry',
      'Open Settings',
      'Show Log',
    ]);

    // The failed prompt is offered again at once.
    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    const prompt = await workbench.quickInput.waitFor({ title: /Describe the Edit/ });
    expect(prompt.rows.map((row) => row.label)).toContain('make it grayscale');
    await workbench.quickInput.close();

    await workbench.notifications.clickButton(/could not use/, 'Retry');
    const [result] = await waitForResultFiles(workspaceDir, 'hero');
    expect(result).toBe('hero.retouch-1.png');
    expect(resultFiles(workspaceDir, 'hero')).toHaveLength(1);
    expect(emulator.requests.filter((r) => r.route === 'images.edits')).toHaveLength(2);
  });
});
