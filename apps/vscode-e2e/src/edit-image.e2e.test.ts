import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng, grayShare, pixelAt, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { listFiles, resultFiles, waitForResultFiles } from './harness/workspace-files.js';

const LOGO_COLOR = [250, 200, 20] as const;

describe('Retouch: Edit Image… from the Explorer', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'edit-image',
    vsix: vsixPath(),
    // This file goes through the option picks; the other files skip them.
    userSettings: openAICompatibleSettings(emulator.url, { 'retouch.askForOptions': true }),
    files: {
      'hero.png': await colorfulPng(96, 64),
      'logo.png': await sharp({
        create: { width: 48, height: 48, channels: 3, background: { r: 250, g: 200, b: 20 } },
      })
        .png()
        .toBuffer(),
    },
  }));

  test('edits one PNG: the result lands beside it, grayscale as asked, with a compare view', async ({
    workbench,
    workspaceDir,
  }) => {
    const menu = await workbench.explorer.contextMenu('hero.png');
    await workbench.screenshot('context-menu-on-hero');
    await menu.choose('Edit Image…');

    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    await workbench.quickInput.waitFor({ title: /Retouch: Size \(1\/\d\)/ });
    await workbench.screenshot('first-option-pick');
    await workbench.quickInput.pick('Use Defaults', { title: /Retouch: Size \(1\/\d\)/ });

    const [result] = await waitForResultFiles(workspaceDir, 'hero');
    expect(result).toBe('hero.retouch-1.png');
    await workbench.waitForTab('hero.png ↔ hero.retouch-1.png');
    await workbench.waitForImagePreview('hero.png');
    await workbench.waitForImagePreview('hero.retouch-1.png');
    // gpt-image-1 answers at its own sizes: the message says the result's beside the source's.
    await workbench.notifications.waitFor(
      /wrote hero\.retouch-1\.png in .+ \(1536×1024; source 96×64\)/,
    );
    await workbench.screenshot('compare-view-open');

    const source = await readRgba(join(workspaceDir, 'hero.png'));
    const edited = await readRgba(join(workspaceDir, result!));
    // The model's landscape preset, at the 3:2 photo's own framing.
    expect([edited.width, edited.height]).toEqual([1536, 1024]);
    expect(edited.width / edited.height).toBeCloseTo(source.width / source.height, 2);
    expect(grayShare(source)).toBeLessThan(0.05);
    expect(grayShare(edited)).toBeGreaterThan(0.99);
    // Nothing overwritten; the record inside the image keeps the prompt for a re-run.
    expect(resultFiles(workspaceDir, 'hero')).toEqual(['hero.retouch-1.png']);
    const { comments } = await sharp(join(workspaceDir, result!)).metadata();
    expect(comments?.find((c) => c.keyword === 'retouch.edit')?.text).toContain(
      'make it grayscale',
    );
    expect(emulator.requests.filter((r) => r.route === 'images.edits')).toHaveLength(1);
  });

  test('combines several selected images into one edit', async ({ workbench, workspaceDir }) => {
    await workbench.runCommand('View: Close All Editors');
    await workbench.notifications.clearAll();
    const before = emulator.requests.length;

    // The menu opens only once the Explorer shows exactly these two rows selected.
    const menu = await workbench.explorer.contextMenu('logo.png', {
      selection: ['hero.png', 'logo.png'],
    });
    await workbench.screenshot('two-images-selected');
    await menu.choose('Edit Image…');
    await workbench.quickInput.answerFreeText('invert the colors', { title: /Describe the Edit/ });
    await workbench.quickInput.pick('Use Defaults', { title: /Retouch: Size/ });

    await expect.poll(() => resultFiles(workspaceDir, 'hero').length, { timeout: 60_000 }).toBe(2);
    await workbench.waitForTab('hero.png ↔ hero.retouch-2.png');
    await workbench.waitForImagePreview('hero.retouch-2.png');
    await workbench.screenshot('combined-result');

    const edited = await readRgba(join(workspaceDir, 'hero.retouch-2.png'));
    // gpt-image-1 answers at its landscape preset (the emulator once echoed the input's 96×64).
    expect([edited.width, edited.height]).toEqual([1536, 1024]);
    // Two inputs: left half from hero (blue 160, inverted 95), right half from the logo, inverted.
    const right = pixelAt(edited, 1280, 512);
    const inverted = LOGO_COLOR.map((c) => 255 - c);
    for (const [channel, value] of inverted.entries()) {
      expect(Math.abs(right[channel]! - value)).toBeLessThanOrEqual(6);
    }
    expect(Math.abs(pixelAt(edited, 256, 512)[2]! - 95)).toBeLessThanOrEqual(6);
    expect(emulator.requests.slice(before).filter((r) => r.route === 'images.edits')).toHaveLength(
      1,
    );
  });
  test('asks for the options the model supports and honours them', async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.runCommand('View: Close All Editors');
    await workbench.notifications.clearAll();

    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('give it a sepia tone', {
      title: /Describe the Edit/,
    });
    // Size, quality and count keep their defaults (Enter on the preselected item); the format
    // is changed; the rest is skipped.
    for (const step of ['Size', 'Quality', 'Number of Images']) {
      await workbench.quickInput.acceptActive(
        { description: /\bdefault$/ },
        { title: new RegExp(`Retouch: ${step} \\(\\d/\\d\\)`) },
      );
    }
    await workbench.quickInput.waitFor({ title: /Retouch: Output Format/ });
    await workbench.screenshot('output-format-pick');
    await workbench.quickInput.pick(/^jpeg/, { title: /Retouch: Output Format/ });
    await workbench.quickInput.pick('Use Defaults', { title: /Retouch: Background/ });

    const pngsBefore = resultFiles(workspaceDir, 'hero');
    await expect
      .poll(() => listFiles(workspaceDir).filter((name) => name.endsWith('.jpg')), {
        timeout: 60_000,
      })
      .toHaveLength(1);
    const jpeg = listFiles(workspaceDir).find((name) => name.endsWith('.jpg'))!;
    expect(jpeg).toMatch(/^hero\.retouch-\d+\.jpg$/);
    expect(resultFiles(workspaceDir, 'hero')).toEqual([...pngsBefore, jpeg].sort());
    await workbench.waitForTab(`hero.png ↔ ${jpeg}`);
    await workbench.waitForImagePreview(jpeg);
    await workbench.screenshot('jpeg-result');
    const written = await sharp(join(workspaceDir, jpeg)).metadata();
    expect(written.format).toBe('jpeg');
    // gpt-image-1's landscape preset (the emulator once echoed the input's 96×64).
    expect([written.width, written.height]).toEqual([1536, 1024]);
  });
});
