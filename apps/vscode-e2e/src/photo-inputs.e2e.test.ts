import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { pixelAt, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { waitForResultFiles } from './harness/workspace-files.js';

// 480×360, red left half and blue right half, HEVC in HEIF as a phone saves it (made for these
// tests with sharp and libheif's heif-enc; see packages/core/src/image/__fixtures__/README.md).
const phoneHeic = readFileSync(new URL('./fixtures/phone.heic', import.meta.url));

/** Red on the left half, blue on the right, as stored (before any orientation). */
async function cameraJpeg(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    data.set(i % width < width / 2 ? [220, 30, 30] : [30, 30, 220], i * 3);
  }
  // The camera held sideways: "turn 90° clockwise to view", so the user sees a portrait.
  return sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
// After "invert": red becomes cyan, blue becomes yellow.
const isCyan = ([r, g, b]: number[]) => r! < 80 && g! > 170 && b! > 170;
const isYellow = ([r, g, b]: number[]) => r! > 170 && g! > 170 && b! < 80;

/** The record Retouch keeps inside a result: a PNG's iTXt chunk, or a JPEG's XMP. */
async function recordOf(path: string) {
  const { comments, xmp } = await sharp(path).metadata();
  const text =
    comments?.find((c) => c.keyword === 'retouch.edit')?.text ??
    /<retouch:record>(.*?)<\/retouch:record>/s
      .exec(xmp?.toString('utf8') ?? '')?.[1]
      ?.replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return JSON.parse(text ?? '{}') as {
    preparedInputs?: Array<{ field: string; changes: string[]; note: string }>;
  };
}

describe('photos from a phone or camera, prepared by the codec shipped in the .vsix', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // Like a service that ignores the EXIF orientation tag: a turned photo sent as stored
    // would come back sideways.
    emulator = await startEmulator({ exifOrientation: 'ignore', log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'photo-inputs',
    vsix: vsixPath(),
    // gpt-image-1 makes use of 1536 pixels at most and takes PNG, JPEG or WebP.
    userSettings: openAICompatibleSettings(emulator.url),
    files: { 'camera.jpg': await cameraJpeg(2400, 1600), 'phone.heic': phoneHeic },
  }));

  test('an EXIF-turned 2400×1600 camera JPEG is sent upright at 1536 and comes back upright', async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.explorer.chooseFromContextMenu('camera.jpg', 'Edit Image…');
    await workbench.quickInput.answerFreeText('invert the colors', { title: /Describe the Edit/ });
    const [result] = await waitForResultFiles(workspaceDir, 'camera');
    const note = await workbench.notifications.waitFor(
      /camera\.jpg: sent 1024×1536 JPEG \(.+\) instead of 2400×1600 JPEG \(.+\), turned upright/,
    );
    expect(await note.textContent()).toContain(`wrote ${result}`);
    await workbench.waitForTab(`camera.jpg ↔ ${result}`);
    await workbench.waitForImagePreview(result!);
    await workbench.screenshot('camera-jpeg-prepared');

    // What reached the service: not the file as stored, and (the service ignoring the tag) upright.
    const edits = emulator.requests.filter((r) => r.route === 'images.edits');
    expect(edits).toHaveLength(1);
    expect(edits[0]?.status).toBe(200);
    const sent = edits[0]?.edit?.files?.filter((file) => file.name.startsWith('image'));
    expect(sent).toHaveLength(1);
    expect(sent![0]!.sha256).not.toBe(sha256(readFileSync(join(workspaceDir, 'camera.jpg'))));

    const edited = await readRgba(join(workspaceDir, result!));
    expect([edited.width, edited.height]).toEqual([1024, 1536]);
    // Upright: the stored left half (red, inverted to cyan) is on top.
    expect(isCyan(pixelAt(edited, 512, 100))).toBe(true);
    expect(isYellow(pixelAt(edited, 512, 1400))).toBe(true);
    const record = await recordOf(join(workspaceDir, result!));
    expect(record.preparedInputs).toEqual([
      expect.objectContaining({ field: 'images[0]', changes: ['orient', 'shrink'] }),
    ]);
  });

  test('a phone HEIC, which the API does not take, is converted, framed and edited', async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.runCommand('View: Close All Editors');
    await workbench.notifications.clearAll();
    const before = emulator.requests.length;

    await workbench.explorer.chooseFromContextMenu('phone.heic', 'Edit Image…');
    await workbench.quickInput.answerFreeText('invert the colors', { title: /Describe the Edit/ });
    const [result] = await waitForResultFiles(workspaceDir, 'phone');
    // The workbench shows no HEIC, but the result beside it.
    await workbench.waitForTab(`phone.heic ↔ ${result}`);
    await workbench.waitForImagePreview(result!);
    await workbench.screenshot('phone-heic-converted');

    const edits = emulator.requests.slice(before).filter((r) => r.route === 'images.edits');
    expect(edits).toHaveLength(1);
    expect(edits[0]?.status).toBe(200);
    const sent = edits[0]?.edit?.files?.filter((file) => file.name.startsWith('image'));
    expect(sent).toHaveLength(1);
    expect(sent![0]!.sha256).not.toBe(sha256(phoneHeic));

    // The emulator decoded what it got (it takes no HEIC) and inverted it: the red half is cyan.
    // The 4:3 photo was padded to gpt-image-1's 3:2 and the answer cropped back to 4:3
    // (1365×1024), so the halves are where they were, at the model's scale.
    const edited = await readRgba(join(workspaceDir, result!));
    expect([edited.width, edited.height]).toEqual([1365, 1024]);
    expect(isCyan(pixelAt(edited, 341, 512))).toBe(true);
    expect(isYellow(pixelAt(edited, 1024, 512))).toBe(true);
    const record = await recordOf(join(workspaceDir, result!));
    expect(record.preparedInputs).toEqual([
      expect.objectContaining({ field: 'images[0]', changes: ['pad'] }),
    ]);
  });
});
