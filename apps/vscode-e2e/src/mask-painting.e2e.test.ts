import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { changedPixels, colorfulPng, pixelAt, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { settledBox } from './harness/wait-until.js';
import { listFiles, waitForResultFiles } from './harness/workspace-files.js';

const WIDTH = 240;
const HEIGHT = 160;

describe('Retouch: Edit with Mask… with a painted mask', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'mask-painting',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url),
    files: { 'photo.png': await colorfulPng(WIDTH, HEIGHT) },
  }));

  // Putting the answer back into the photo uses the image codec the .vsix ships (issue 29).
  test('paints a stroke, saves the mask and changes only the painted region', async ({
    workbench,
    workspaceDir,
    browser,
  }) => {
    const { page } = browser;
    await workbench.explorer.chooseFromContextMenu('photo.png', 'Edit with Mask…');
    await workbench.quickInput.pick('Paint a Mask…', { title: 'Retouch: Mask' });

    await workbench.waitForTab('Mask: photo.png');
    const painter = workbench.webview();
    const canvas = painter.locator('#canvas');
    await canvas.waitFor({ timeout: 30_000 });
    await expect.poll(() => painter.locator('#save').isDisabled()).toBe(true);
    await workbench.screenshot('painter-open');

    // One horizontal stroke across the middle third of the image, left to right, once the
    // canvas has its final size and place (it is scaled to the image when that has loaded).
    const box = await settledBox(canvas);
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, y, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => painter.locator('#save').isEnabled()).toBe(true);
    await workbench.screenshot('stroke-painted');
    await painter.locator('#save').click();

    await workbench.quickInput.answerFreeText('make it grayscale', {
      title: /Describe the Edit/,
    });
    const [result] = await waitForResultFiles(workspaceDir, 'photo');
    await workbench.waitForTab(`photo.png ↔ ${result}`);
    await workbench.waitForImagePreview(result!);
    await workbench.screenshot('masked-result');

    const masks = listFiles(workspaceDir).filter((name) => /^photo\.mask-\d+\.png$/.test(name));
    expect(masks).toHaveLength(1);
    const mask = await readRgba(join(workspaceDir, masks[0]!));
    expect([mask.width, mask.height]).toEqual([WIDTH, HEIGHT]);
    // The stroke is transparent (editable) along the middle row, and the corners are not.
    expect(pixelAt(mask, WIDTH / 2, HEIGHT / 2)[3]).toBe(0);
    expect(pixelAt(mask, 2, 2)[3]).toBe(255);
    expect(pixelAt(mask, WIDTH - 3, HEIGHT - 3)[3]).toBe(255);

    const source = await readRgba(join(workspaceDir, 'photo.png'));
    const edited = await readRgba(join(workspaceDir, result!));
    // gpt-image-1 answers at 1536×1024; the engine puts its answer back into the photo.
    expect([edited.width, edited.height]).toEqual([WIDTH, HEIGHT]);
    const changed = changedPixels(source, edited);
    expect(changed.length).toBeGreaterThan(200);
    // The answer is put back with a feathered edge (issue 30): a pixel may change only under
    // the stroke or within the feather's few pixels of it; everything farther stays as it was.
    const feather = 6;
    const nearStroke = (x: number, row: number) => {
      for (let dy = -feather; dy <= feather; dy += 1) {
        for (let dx = -feather; dx <= feather; dx += 1) {
          const [mx, my] = [x + dx, row + dy];
          if (mx < 0 || my < 0 || mx >= WIDTH || my >= HEIGHT) continue;
          if (pixelAt(mask, mx, my)[3] < 255) return true;
        }
      }
      return false;
    };
    expect(changed.filter(({ x, y: row }) => !nearStroke(x, row))).toEqual([]);
    // Inside the stroke the pixels went gray.
    const [r, g, b] = pixelAt(edited, WIDTH / 2, HEIGHT / 2);
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThanOrEqual(3);
  });
});
