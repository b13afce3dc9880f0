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

describe('Bad input is refused before the prompt, and before any request', () => {
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
    // Inputs go as they are (`retouch.keepInput`): otherwise the engine prepares an image over the
    // model's byte limit (shrinks and re-encodes it) and sends it, which photo-inputs covers.
    userSettings: openAICompatibleSettings(emulator.url, { 'retouch.keepInput': true }),
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

  /** The dialog that lists what is wrong with the picked files; closed with Escape. */
  async function refusal({ workbench }: Session, title: string, screenshot: string) {
    const dialog = await workbench.dialogs.waitFor(title);
    await workbench.screenshot(screenshot);
    const { detail } = await workbench.dialogs.read(dialog);
    const buttons = await workbench.dialogs.buttons(dialog);
    // Refused before the prompt was asked.
    expect((await workbench.quickInput.state()).title).not.toMatch(/Describe the Edit/);
    await workbench.dialogs.press(title, 'Escape');
    return { detail: detail.join('\n'), buttons };
  }

  test('a file that is not an image', async (current) => {
    const { workbench } = current;
    await workbench.explorer.chooseFromContextMenu('notes.png', 'Edit Image…');
    const { detail, buttons } = await refusal(
      current,
      'Retouch cannot use notes.png.',
      'not-an-image',
    );
    expect(detail).toMatch(/notes\.png.*not .*(PNG|image)/i);
    // No other model reads it either: no button pretends otherwise.
    expect(buttons).not.toContain('Select Provider and Model');
    await expectNothingHappened(current);
  });

  test('an image larger than the model accepts', async (current) => {
    const { workbench, workspaceDir } = current;
    await writeOversizedPng(join(workspaceDir, 'huge.png'));
    filesBefore = listFiles(workspaceDir);
    await workbench.explorer.waitForItem('huge.png');
    await workbench.explorer.chooseFromContextMenu('huge.png', 'Edit Image…');
    const { detail, buttons } = await refusal(current, 'cannot edit huge.png', 'too-large');
    expect(buttons).toContain('Select Provider and Model');
    expect(detail).toMatch(/huge\.png is 51(\.\d)? MB; the limit is 50 MB/);
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
    const { detail } = await refusal(
      current,
      'Retouch cannot use this mask for photo.png.',
      'mismatched-mask',
    );
    expect(detail).toMatch(/Mask: small-mask\.png is 32x32 but photo\.png is 64x64/);
    await expectNothingHappened(current);
  });
});
