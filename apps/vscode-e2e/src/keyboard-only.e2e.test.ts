import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';

describe('An edit from the keyboard alone', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'keyboard-only',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url, { 'retouch.askForOptions': true }),
    files: {
      'hero.png': await colorfulPng(64, 64),
      'art/logo.png': await colorfulPng(48, 48, 40),
      'art/banner.png': await colorfulPng(96, 48),
    },
  }));

  test('every step takes a filter and Enter: palette, image, prompt, each option', async ({
    workbench,
    workspaceDir,
  }) => {
    const { quickInput, page } = workbench;
    await page.keyboard.press('F1');
    await quickInput.filterAndAccept('>Retouch: Edit Image', 'Retouch: Edit Image…');

    await quickInput.waitFor({ title: 'Retouch: Select an Image to Edit' });
    await workbench.screenshot('image-pick');
    await quickInput.filterAndAccept('logo', 'logo.png', {
      title: 'Retouch: Select an Image to Edit',
    });
    await quickInput.filterAndAccept('invert the colors', 'invert the colors', {
      title: /Describe the Edit/,
    });
    const answers: [step: RegExp, filter: string, label: string][] = [
      [/Retouch: Size/, '1024x1024', '1024x1024'],
      [/Retouch: Quality/, 'low', 'low'],
      [/Retouch: Number of Images/, '2', '2'],
      [/Retouch: Output Format/, 'jpeg', 'jpeg'],
      [/Retouch: Background/, 'opaque', 'opaque'],
      [/Retouch: Input Fidelity/, 'high', 'high'],
    ];
    for (const [title, filter, label] of answers) {
      await quickInput.filterAndAccept(filter, label, { title });
    }

    const results = () =>
      ['logo.retouch-1.jpg', 'logo.retouch-2.jpg'].map((name) => join(workspaceDir, 'art', name));
    await expect
      .poll(
        async () =>
          (
            await Promise.all(
              results().map((path) =>
                sharp(path)
                  .metadata()
                  .catch(() => undefined),
              ),
            )
          ).every(Boolean),
        {
          timeout: 60_000,
        },
      )
      .toBe(true);
    await workbench.notifications.waitFor('wrote logo.retouch-1.jpg, logo.retouch-2.jpg');
    await workbench.waitForImagePreview('logo.retouch-2.jpg');
    await workbench.screenshot('keyboard-result');
    for (const path of results()) {
      const { format, width, height, xmp } = await sharp(path).metadata();
      expect([format, width, height]).toEqual(['jpeg', 1024, 1024]);
      const record = xmp?.toString('utf8') ?? '';
      for (const option of ['"quality":"low"', '"background":"opaque"', '"inputFidelity":"high"']) {
        expect(record).toContain(option);
      }
    }
    expect(emulator.requests.filter((r) => r.route === 'images.edits')).toHaveLength(1);
  });
});
