import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng } from './harness/images.js';
import { queueSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { listFiles, resultFiles } from './harness/workspace-files.js';

const MODEL = 'gpt_image_1_edit';

/** Submits a job straight to the emulator, so the extension's job has to wait behind it. */
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

describe('Queue provider: progress and Cancel', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // One worker and slow jobs: two blocking jobs keep the extension's job waiting at position 1.
    emulator = await startEmulator({ workers: 1, jobDurationMs: 120_000, log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'queue-cancel',
    vsix: vsixPath(),
    userSettings: queueSettings(emulator.url),
    files: { 'hero.png': await colorfulPng(64, 64) },
  }));

  test('shows the queue position, and Cancel cancels the job on the server without writing a file', async ({
    workbench,
    workspaceDir,
  }) => {
    const image = await colorfulPng(16, 16);
    const blockers = [
      await submitBlockingJob(emulator, image),
      await submitBlockingJob(emulator, image),
    ];
    const filesBefore = listFiles(workspaceDir);

    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('turn it sepia', { title: /Describe the Edit/ });

    await workbench.notifications.waitFor(/Waiting in the queue, position 1/);
    await workbench.screenshot('queue-position');
    const ownJob = [...emulator.jobs.values()].find((job) => !blockers.includes(job.id));
    expect(ownJob?.status).toBe('IN_QUEUE');
    await workbench.statusBarItem('Retouch: 1 edit running').waitFor();

    await workbench.notifications.clickButton(/Waiting in the queue/, 'Cancel');
    await workbench.notifications.waitFor('Retouch: edit cancelled.');
    await workbench.screenshot('cancelled');
    await workbench.statusBarItem('Retouch: 1 edit running').waitFor({ state: 'detached' });

    const cancels = emulator.requests.filter((request) => request.route === 'queue.cancel');
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.path).toContain(ownJob!.id);
    expect(cancels[0]?.status).toBe(202);
    expect(emulator.jobs.get(ownJob!.id)?.cancelled).toBe(true);
    // The blocking jobs are untouched, and nothing was written.
    for (const id of blockers) expect(emulator.jobs.get(id)?.cancelled).toBe(false);
    expect(resultFiles(workspaceDir, 'hero')).toEqual([]);
    expect(listFiles(workspaceDir)).toEqual(filesBefore);
  });
});
