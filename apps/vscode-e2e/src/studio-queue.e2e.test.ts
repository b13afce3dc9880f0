import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng, pixelAt, readRgba } from './harness/images.js';
import { queueSettings } from './harness/retouch-settings.js';
import type { Session } from './harness/session.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { waitUntil } from './harness/wait-until.js';
import { listFiles } from './harness/workspace-files.js';

const MODEL = 'gpt_image_1_edit';

/** The Studio's page, once it has drawn its image. */
async function studio(session: Session, name: string): Promise<FrameLocator> {
  const { workbench } = session;
  await workbench.waitForTab(name);
  const page = workbench.page
    .locator('iframe.webview.ready')
    .filter({ visible: true })
    .last()
    .contentFrame()
    .locator('#active-frame')
    .contentFrame();
  await page.locator('body[data-drawn="true"]').waitFor({ timeout: 60_000 });
  return page;
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

async function candidateCount(page: FrameLocator): Promise<number> {
  return page.locator('#grid [data-id]').count();
}

/** Every candidate file in the workspace's store. */
function storedCandidates(workspaceDir: string): string[] {
  const folder = join(workspaceDir, '.retouch', 'candidates');
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((edit) =>
      readdirSync(join(folder, edit.name))
        .filter((file) => file.endsWith('.png'))
        .map((file) => join(folder, edit.name, file)),
    );
}

/** Submits a job straight to the emulator, so the Studio's job has to wait behind it. */
async function submitBlockingJob(emulator: Emulator, image: Buffer): Promise<string> {
  const response = await fetch(`${emulator.url}/v1/queue/${MODEL}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      prompt: 'a job someone else queued',
      images: [`data:image/png;base64,${image.toString('base64')}`],
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { request_id: string }).request_id;
}

/** In the Studio: a prompt, then Enter, as a person sends an edit. */
async function sendFromStudio(page: FrameLocator, prompt: string): Promise<void> {
  await page.locator('#prompt').fill(prompt);
  await page.locator('#prompt').press('Enter');
  await expect.poll(() => page.locator('body').getAttribute('data-running')).toBe('true');
}

/** The natural size and source of the Studio's before image. */
function beforeImage(page: FrameLocator): Promise<{ src: string; width: number }> {
  return page.locator('#before').evaluate((img) => ({
    src: decodeURIComponent((img as HTMLImageElement).currentSrc),
    width: (img as HTMLImageElement).naturalWidth,
  }));
}

describe('Retouch Studio with a queue: a reload resumes into the Studio; Cancel cancels the job', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // One worker and slow jobs: the reloaded window is back while the job still runs, and two
    // jobs submitted by someone else keep a later job waiting in the queue.
    emulator = await startEmulator({ workers: 1, jobDurationMs: 30_000, log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'studio-queue',
    vsix: vsixPath(),
    userSettings: queueSettings(emulator.url, {
      'retouch.results': 'studio',
      'retouch.confirmCostAbove': 5,
    }),
    files: {
      'photo.png': await colorfulPng(64, 64),
      'large.jpg': await sharp(await colorfulPng(3000, 2000))
        .jpeg({ quality: 90 })
        .toBuffer(),
    },
  }));

  test('a queue job still running when the window reloads resumes into the Studio', async (session) => {
    const { workbench, workspaceDir } = session;
    await workbench.explorer.chooseFromContextMenu('photo.png', 'Open in Retouch Studio');
    let page = await studio(session, 'photo.png');
    expect(await candidateCount(page)).toBe(0);
    await sendFromStudio(page, 'invert the colors');
    await expect
      .poll(() => text(page.locator('#progress')), { timeout: 30_000 })
      .toMatch(/Waiting in the queue|Editing/);
    const [job] = [...emulator.jobs.values()];
    expect(job?.status).not.toBe('COMPLETED');
    await workbench.screenshot('studio-queue-job-running');

    await workbench.reloadWindow();

    // Nothing is clicked from here on: the Studio comes back, and the job's result arrives in it.
    page = await studio(session, 'photo.png');
    await expect.poll(() => candidateCount(page), { timeout: 90_000 }).toBe(1);
    await expect.poll(() => text(page.locator('#detail-prompt'))).toBe('invert the colors');
    await workbench.notifications.clearAll();
    await workbench.screenshot('studio-queue-resumed');

    // The job submitted before the reload is the one that came back: no second job.
    expect(emulator.requests.filter((r) => r.route === 'queue.submit')).toHaveLength(1);
    expect(emulator.jobs.get(job!.id)?.status).toBe('COMPLETED');
    // A candidate in the store, inverted; nothing beside the image.
    expect(listFiles(workspaceDir)).toEqual(['.retouch', 'large.jpg', 'photo.png']);
    const [candidate] = storedCandidates(workspaceDir);
    expect(candidate).toBeDefined();
    const source = await readRgba(join(workspaceDir, 'photo.png'));
    const edited = await readRgba(candidate!);
    for (const [x, y] of [
      [5, 5],
      [40, 20],
    ] as const) {
      const before = pixelAt(source, x, y);
      const after = pixelAt(edited, x, y);
      for (const channel of [0, 1, 2]) {
        expect(Math.abs(after[channel]! - (255 - before[channel]!))).toBeLessThanOrEqual(6);
      }
    }
  }, 240_000);

  test('Cancel in the Studio while the job waits in the queue cancels it on the server', async (session) => {
    const { workbench, workspaceDir } = session;
    const image = await colorfulPng(16, 16);
    const blockers = [
      await submitBlockingJob(emulator, image),
      await submitBlockingJob(emulator, image),
    ];
    const filesBefore = listFiles(workspaceDir);
    const candidatesBefore = storedCandidates(workspaceDir);
    await workbench.explorer.chooseFromContextMenu('photo.png', 'Open in Retouch Studio');
    const page = await studio(session, 'photo.png');
    const shown = await candidateCount(page);

    await sendFromStudio(page, 'turn it sepia');
    await expect
      .poll(() => text(page.locator('#progress')), { timeout: 30_000 })
      .toMatch(/Waiting in the queue, position 1/);
    const own = [...emulator.jobs.values()].find(
      (job) => !blockers.includes(job.id) && job.status !== 'COMPLETED',
    );
    expect(own?.status).toBe('IN_QUEUE');
    await workbench.screenshot('studio-queue-position');

    await page.locator('#cancel').click();
    await expect
      .poll(() => text(page.locator('#progress')), { timeout: 30_000 })
      .toMatch(/^edit cancelled\./);
    await expect.poll(() => page.locator('#cancel').isHidden()).toBe(true);
    await workbench.notifications.clearAll();
    await workbench.screenshot('studio-queue-cancelled');

    const cancels = emulator.requests.filter((request) => request.route === 'queue.cancel');
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.path).toContain(own!.id);
    expect(cancels[0]?.status).toBe(202);
    expect(emulator.jobs.get(own!.id)?.cancelled).toBe(true);
    // The other jobs are untouched; no candidate and no file came of it.
    for (const id of blockers) expect(emulator.jobs.get(id)?.cancelled).toBe(false);
    expect(await candidateCount(page)).toBe(shown);
    expect(storedCandidates(workspaceDir)).toEqual(candidatesBefore);
    expect(listFiles(workspaceDir)).toEqual(filesBefore);
  }, 180_000);

  test('a large image opens from its screen-sized preview the second time; 1:1 shows the image itself', async (session) => {
    const { workbench, workspaceDir } = session;
    const previews = join(workspaceDir, '.retouch', 'previews');
    const previewFiles = () => listFiles(previews).filter((name) => name.endsWith('.webp'));
    await workbench.explorer.chooseFromContextMenu('large.jpg', 'Open in Retouch Studio');
    let page = await studio(session, 'large.jpg');
    // The first opening draws the image itself, and keeps a preview of it for the next.
    expect(await beforeImage(page)).toMatchObject({ width: 3000 });
    await waitUntil(
      async () => previewFiles().length === 1,
      () => `The Studio kept no preview of large.jpg (${previewFiles().join(', ')}).`,
      { timeout: 30_000 },
    );
    await workbench.runCommand('View: Close Editor');
    await workbench.explorer.chooseFromContextMenu('large.jpg', 'Open in Retouch Studio');
    page = await studio(session, 'large.jpg');
    const shown = await beforeImage(page);
    expect(shown.src).toContain('/.retouch/previews/');
    expect(shown.width).toBe(2048);
    await workbench.screenshot('studio-large-from-preview');

    // Compare closely: at 1:1 the image itself replaces the preview.
    await page.locator('#viewer').click({ position: { x: 20, y: 20 } });
    await page.locator('#viewer').press('1');
    await expect.poll(() => page.locator('#viewer').getAttribute('data-zoom')).toBe('1');
    await expect.poll(() => beforeImage(page), { timeout: 30_000 }).toMatchObject({ width: 3000 });
    expect((await beforeImage(page)).src).toContain('/large.jpg');
    // The preview is in the store only: nothing beside the image.
    expect(listFiles(workspaceDir)).toEqual(['.retouch', 'large.jpg', 'photo.png']);
  }, 180_000);
});
