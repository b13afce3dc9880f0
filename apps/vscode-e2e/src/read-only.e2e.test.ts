import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { colorfulPng } from './harness/images.js';
import { runsDir } from './harness/paths.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import type { Workbench } from './harness/workbench.js';
import { listFiles } from './harness/workspace-files.js';

const scenario = 'read-only';
const lockedDir = join(runsDir, scenario, 'workspace', 'locked');

/**
 * The machine runs as root, and chmod does not stop root; a read-only bind mount does (the
 * kernel refuses every write with EROFS, whoever asks). Where mounting is not allowed, the
 * scenario is skipped and says so.
 */
function canMount(): boolean {
  const probe = join(runsDir, `.mount-probe-${process.pid}`);
  mkdirSync(probe, { recursive: true });
  try {
    execFileSync('mount', ['--bind', probe, probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

function makeReadOnly(dir: string): void {
  execFileSync('mount', ['--bind', dir, dir]);
  execFileSync('mount', ['-o', 'remount,bind,ro', dir]);
}

function makeWritable(dir: string): void {
  // A stale mount from an interrupted run would otherwise block the next run's clean-up.
  for (let i = 0; i < 4; i++) {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      return;
    }
  }
}

/**
 * Answers VS Code's own (web) save dialog: it opens with the proposed file's full path, so wait
 * for that, then type the path to save to and press Enter until the dialog closes.
 */
async function answerSaveDialog(workbench: Workbench, path: string, title: RegExp): Promise<void> {
  const widget = workbench.quickInput.widget();
  const heading = widget.locator('.quick-input-title').filter({ hasText: title });
  await heading.waitFor({ timeout: 15_000 });
  const input = widget.locator('.quick-input-box input');
  await expect.poll(() => input.inputValue(), { timeout: 15_000 }).toMatch(/\.png$/);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await input.fill(path);
    if ((await input.inputValue()) !== path) continue;
    await input.press('Enter');
    const closed = await heading
      .waitFor({ state: 'hidden', timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
  }
  throw new Error(`The save dialog did not accept ${path}.`);
}

function editRequests(emulator: Emulator) {
  return emulator.requests.filter((request) => request.route === 'images.edits');
}

const mountable = canMount();
if (!mountable) {
  process.stderr.write(`[e2e] ${scenario}: mounting is not allowed here; scenario skipped.\n`);
}

describe.runIf(mountable)('Editing an image in a read-only folder', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    makeWritable(lockedDir);
    emulator = await startEmulator({ log: () => {} });
  });
  afterEach(() => makeWritable(lockedDir));
  afterAll(async () => {
    makeWritable(lockedDir);
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: scenario,
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url),
    files: { 'locked/photo.png': await colorfulPng(64, 48), 'README.md': '# notes\n' },
  }));

  test('a folder that is read-only from the start: told before anything is sent', async ({
    workbench,
  }) => {
    makeReadOnly(lockedDir);
    await workbench.explorer.expand('locked', 'photo.png');
    await workbench.explorer.chooseFromContextMenu('photo.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    await workbench.notifications.waitFor(/cannot be written to .*locked.*Nothing was sent/);
    await workbench.screenshot('refused-before-sending');
    expect(editRequests(emulator)).toHaveLength(0);
    expect(listFiles(lockedDir)).toEqual(['photo.png']);
  });

  test('a folder that turns read-only while the edit runs: the result is saved elsewhere and can be saved as', async ({
    workbench,
    workspaceDir,
    profile,
  }) => {
    await workbench.notifications.clearAll();
    // The answer is held back long enough to lock the folder after the request was sent.
    emulator.setFaults([{ route: 'images.edits', delayMs: 6000, times: 1 }]);
    await workbench.explorer.expand('locked', 'photo.png');
    await workbench.explorer.chooseFromContextMenu('photo.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('invert the colors', { title: /Describe the Edit/ });
    await expect.poll(() => editRequests(emulator).length, { timeout: 30_000 }).toBe(1);
    makeReadOnly(lockedDir);

    const rescuedMessage = /could not be written to .*locked/;
    const toast = await workbench.notifications.waitFor(rescuedMessage, 60_000);
    const rescued = join(
      profile.userDataDir,
      'User',
      'globalStorage',
      'retouch.retouch',
      'rescued',
      'photo.retouch-1.png',
    );
    await expect.poll(() => toast.textContent()).toContain(rescued);
    await expect
      .poll(() => workbench.notifications.buttons(toast))
      .toEqual(expect.arrayContaining(['Save As…', 'Open']));
    // The result is shown all the same, in a compare with the original.
    await workbench.waitForTab('photo.png ↔ photo.retouch-1.png');
    await workbench.waitForImagePreview('photo.retouch-1.png');
    await workbench.screenshot('rescued-result-offered');
    expect(listFiles(lockedDir)).toEqual(['photo.png']);
    expect(existsSync(rescued)).toBe(true);
    const inverted = await sharp(rescued).metadata();
    // gpt-image-1 answers at 1536×1024; with the image codec the engine pads the 4:3 photo to
    // that frame and crops the answer back to 4:3 (1365×1024).
    expect([inverted.format, inverted.width, inverted.height]).toEqual(['png', 1365, 1024]);

    await workbench.notifications.clickButton(rescuedMessage, 'Save As…');
    const target = join(workspaceDir, 'photo-inverted.png');
    await answerSaveDialog(workbench, target, /Save photo\.retouch-1\.png As/);
    await workbench.notifications.waitFor(/saved photo\.retouch-1\.png as photo-inverted\.png/);
    await workbench.explorer.waitForItem('photo-inverted.png');
    await workbench.screenshot('saved-elsewhere');
    expect(readFileSync(target).equals(readFileSync(rescued))).toBe(true);
    expect(editRequests(emulator)).toHaveLength(1);
  });
});
