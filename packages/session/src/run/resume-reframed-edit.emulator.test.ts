import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { editImage, type JobHandle } from '@retouch/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  nodeHost,
  queueProvider,
  startSessionEmulator,
  tempFolder,
} from '../__fixtures__/session-fixture.js';
import { planEdit } from '../plan/plan-edit.js';
import { pendingEditOf } from './pending-edit-of.js';
import { resumePendingEdit } from './resume-pending-edit.js';

const W = 1600;
const H = 1200;
/** Where the mask lets the model paint: a small part of the picture, so it is sent as a region. */
const box = { left: 1100, top: 800, width: 200, height: 150 };

/** A picture with detail everywhere, so a changed pixel shows. */
function texture(): Buffer {
  const data = Buffer.alloc(W * H * 3);
  for (let i = 0; i < W * H; i++) {
    const x = i % W;
    const y = Math.floor(i / W);
    data[i * 3] = (x * 7 + y * 3) & 255;
    data[i * 3 + 1] = (x * 2 + y * 5) & 255;
    data[i * 3 + 2] = 60 + ((x ^ y) & 127);
  }
  return data;
}

async function rgb(path: string) {
  const { data, info } = await sharp(path)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('a job sent as a region, resumed in a later run', () => {
  it('comes back as the whole picture with only the masked part changed, as it would have', async () => {
    const emulator = await startSessionEmulator();
    const folder = await tempFolder();
    try {
      const source = join(folder.dir, 'street.png');
      await writeFile(
        source,
        await sharp(texture(), { raw: { width: W, height: H, channels: 3 } })
          .png()
          .toBuffer(),
      );
      const maskPixels = Buffer.alloc(W * H * 4, 255);
      for (let y = box.top; y < box.top + box.height; y++) {
        for (let x = box.left; x < box.left + box.width; x++) maskPixels[(y * W + x) * 4 + 3] = 0;
      }
      const mask = join(folder.dir, 'street.mask-1.png');
      await writeFile(
        mask,
        await sharp(maskPixels, { raw: { width: W, height: H, channels: 4 } })
          .png()
          .toBuffer(),
      );

      const provider = queueProvider(emulator);
      const host = nodeHost(folder.dir);
      const plan = await planEdit(host, { provider, prompt: 'invert', images: [source], mask });
      // The run that sent the job keeps its handle as a host does (JSON) and ends before the
      // result is written, as a window reload would end it.
      let kept: JobHandle | undefined;
      const sent = await editImage({
        provider,
        model: plan.model,
        prompt: 'invert',
        images: { path: source },
        mask: { path: mask },
        onProgress: (event) => {
          if (event.type === 'job-started') kept ??= JSON.parse(JSON.stringify(event.handle));
        },
      });
      if (!kept) throw new Error('the queue provider reported no job');
      expect(sent.preparedInputs?.some((input) => input.changes.includes('region'))).toBe(true);
      expect(kept.framing?.region.width).toBeLessThan(W);

      const pending = pendingEditOf(plan, {
        handle: kept,
        editId: 'edit-1',
        hashes: { images: ['a'.repeat(64)], mask: 'b'.repeat(64) },
      });
      const outcome = await resumePendingEdit(host, provider, pending);
      const written = outcome.outputs[0]!.location;
      const after = await rgb(written);
      expect([after.width, after.height]).toEqual([W, H]);
      const before = await rgb(source);
      // Far from the mask, every pixel is the original's; inside it, the model's answer.
      const reach = 40;
      let changedOutside = 0;
      let changedInside = 0;
      for (let y = 0; y < H; y += 3) {
        for (let x = 0; x < W; x += 3) {
          const i = (y * W + x) * 3;
          const changed =
            after.data[i] !== before.data[i] ||
            after.data[i + 1] !== before.data[i + 1] ||
            after.data[i + 2] !== before.data[i + 2];
          const inside =
            x >= box.left && x < box.left + box.width && y >= box.top && y < box.top + box.height;
          const near =
            x >= box.left - reach &&
            x < box.left + box.width + reach &&
            y >= box.top - reach &&
            y < box.top + box.height + reach;
          if (inside && changed) changedInside++;
          if (!near && changed) changedOutside++;
        }
      }
      expect(changedOutside).toBe(0);
      expect(changedInside).toBeGreaterThan(0);
    } finally {
      await folder.remove();
      await emulator.close();
    }
  }, 60_000);
});
