import { editImage, type JobHandle } from '@retouch/core';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { describe, expect, it } from 'vitest';
import {
  apiKey,
  queueProvider,
  startSessionEmulator,
  tempFolder,
  writeImages,
} from '../__fixtures__/session-fixture.js';
import { planEdit } from '../plan/plan-edit.js';
import { pendingEditOf } from './pending-edit-of.js';
import { resumePendingEdit } from './resume-pending-edit.js';

describe('pendingEditOf', () => {
  it('keeps what a later run needs to resume a marked-up job and record it as this run would', async () => {
    const emulator = await startSessionEmulator();
    const folder = await tempFolder();
    try {
      const [source, markup] = await writeImages(folder.dir, ['hero.png', 'hero.markup-1.png']);
      const provider = queueProvider(emulator);
      const host = {
        fs: nodeOutputFileSystem,
        tool: { name: 'test', version: '1' },
        rescueFolder: folder.dir,
        secrets: [apiKey],
      };
      const plan = await planEdit(host, {
        provider,
        prompt: 'remove this',
        images: [source!],
        markup: markup!,
      });
      // The job as the host saw it start; left to finish, as one would after a window reload.
      let handle: JobHandle | undefined;
      await editImage({
        provider,
        model: plan.model,
        prompt: 'remove this',
        images: [{ path: markup! }],
        onProgress: (event) => {
          if (event.type === 'job-started') handle ??= event.handle;
        },
      });
      if (!handle) throw new Error('the queue provider reported no job');
      const pending = pendingEditOf(plan, {
        handle,
        editId: 'edit-1',
        hashes: { images: ['a'.repeat(64)], markup: 'b'.repeat(64) },
      });
      expect(pending.folder).toBe(folder.dir);
      expect(pending.markup?.sentPrompt).toMatch(/marks[\s\S]*Follow them: remove this/);

      const outcome = await resumePendingEdit(host, provider, pending);
      expect(outcome.editId).toBe(`edit-1-${handle.id}`);
      expect(outcome.outputs.map((output) => output.name)).toEqual(['hero.retouch-1.png']);
      expect(outcome.outputs[0]?.record.markup?.sentPrompt).toBe(pending.markup?.sentPrompt);
    } finally {
      await folder.remove();
      await emulator.close();
    }
  }, 30_000);
});
