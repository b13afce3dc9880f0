import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { colorfulPng, maskPng } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import type { Session } from './harness/session.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { listFiles } from './harness/workspace-files.js';

/** A real PNG header (so it sniffs as a 64x64 PNG) padded past gpt-image-1's 50 MB limit. */
async function writeOversizedPng(path: string): Promise<void> {
  const head = await colorfulPng(64, 64);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    writeSync(fd, Buffer.alloc(51 * 1024 * 1024));
  } finally {
    closeSync(fd);
  }
}

describe('Bad input is refused before any request', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test, session } = useSession(async () => ({
    name: 'bad-input',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url),
    files: {
      // Named like an image, but text inside: the Explorer offers the command, the bytes say no.
      'notes.png': 'These are meeting notes, not a picture.\n',
      'photo.png': await colorfulPng(64, 64),
      'small-mask.png': await maskPng(32, 32, { x: 0, y: 0, width: 16, height: 16 }),
    },
  }));

  let filesBefore: string[] = [];
  beforeEach(async () => {
    const { workbench, workspaceDir } = session();
    await workbench.quickInput.close();
    await workbench.notifications.clearAll();
    filesBefore = listFiles(workspaceDir);
  });

  async function expectNothingHappened({ workspaceDir }: Session): Promise<void> {
    expect(emulator.requests).toEqual([]);
    expect(listFiles(workspaceDir)).toEqual(filesBefore);
  }

  test('a file that is not an image', async (current) => {
    const { workbench } = current;
    await workbench.explorer.chooseFromContextMenu('notes.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const error = await workbench.notifications.waitFor(/Retouch: .*notes\.png/);
    await workbench.screenshot('not-an-image');
    expect(await error.textContent()).toMatch(/not .*(PNG|image)/i);
    await expectNothingHappened(current);
  });

  test('an image larger than the model accepts', async (current) => {
    const { workbench, workspaceDir } = current;
    await writeOversizedPng(join(workspaceDir, 'huge.png'));
    filesBefore = listFiles(workspaceDir);
    await workbench.explorer.waitForItem('huge.png');
    await workbench.explorer.chooseFromContextMenu('huge.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const error = await workbench.notifications.waitFor(/Retouch: .*huge\.png/);
    await workbench.screenshot('too-large');
    expect(await error.textContent()).toMatch(/50 MB|too large|larger/i);
    await expectNothingHappened(current);
    rmSync(join(workspaceDir, 'huge.png'));
  });

  test('a mask whose size does not match the image', async (current) => {
    const { workbench, workspaceDir } = current;
    await workbench.explorer.chooseFromContextMenu('photo.png', 'Edit with Mask…');
    await workbench.quickInput.pick('Use a Mask File…', { title: 'Retouch: Mask' });
    // code-server's own file dialog: type the path, Enter.
    await workbench.quickInput.answerFileDialog(join(workspaceDir, 'small-mask.png'), {
      title: 'Retouch: Choose a Mask PNG',
    });
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const error = await workbench.notifications.waitFor(/Retouch: .*mask/i);
    await workbench.screenshot('mismatched-mask');
    expect(await error.textContent()).toMatch(/32x32|64x64|size|dimension/i);
    await expectNothingHappened(current);
  });
});
