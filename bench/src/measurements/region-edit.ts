import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { startBenchEmulator } from '../bench-emulator.js';
import type { BenchImages } from '../bench-images.js';
import { cacheDir } from '../bench-paths.js';
import { ensurePhotoImages } from '../photo-images.js';
import type { ResultRow } from '../results-table.js';
import { runInChild } from '../run-in-child.js';
import { spread } from '../stats.js';
import type { EditSide } from '../tasks/bench-task.js';
import type { RegionEditRun } from '../tasks/region-edit-task.js';
import { startThrottleProxy } from '../throttle-proxy.js';
import { alternate, plan } from './bench-plan.js';

const MB = 1e6;
const uplinkBitsPerSecond = 20e6;

/**
 * A mask for the 24 MP camera JPEG as the user sees it (upright, 4000×6000): opaque except a
 * 600×400 hole near a corner (the sign to remove). Made once in bench/.cache.
 */
async function ensureRegionMask(): Promise<string> {
  const path = join(cacheDir, 'camera-24mp.region-mask.png');
  if (existsSync(path)) return path;
  const [width, height] = [4000, 6000];
  const hole = { left: 3100, top: 5300, width: 600, height: 400 };
  const data = Buffer.alloc(width * height * 4, 255);
  for (let y = hole.top; y < hole.top + hole.height; y++) {
    for (let x = hole.left; x < hole.left + hole.width; x++) data[(y * width + x) * 4 + 3] = 0;
  }
  await sharp(data, { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 9 })
    .toFile(path);
  return path;
}

/**
 * 13: one gpt-image-1 edit of a 600×400 region of the 24 MP camera JPEG over the 20 Mbit/s uplink
 * of 11–12: ours sends a crop around the mask and composites the answer into the original, the
 * official openai SDK sends the whole photo and its mask. Bytes sent and time to the result.
 */
export async function measureRegionEdit(images: BenchImages, openaiName: string) {
  const { cameraJpeg } = await ensurePhotoImages();
  const mask = await ensureRegionMask();
  const emulator = await startBenchEmulator({ maxBodyBytes: 128 * 1024 * 1024 });
  const proxy = await startThrottleProxy(emulator.url, uplinkBitsPerSecond);
  try {
    const runs = await alternate(plan.photoRuns, ['ours', 'theirs'], async (side) => {
      proxy.reset();
      const run = await runInChild<RegionEditRun>({
        kind: 'region-edit',
        side: side as EditSide,
        url: proxy.url,
        photo: cameraJpeg,
        mask,
        small: images.small,
      });
      return { run, bytes: proxy.bytesUp() };
    });
    const ours = runs.get('ours')!;
    const theirs = runs.get('theirs')!;
    const size = (list: typeof ours) => `${list[0]!.run.width}×${list[0]!.run.height}`;
    const title = `gpt-image-1 edit of a 600×400 region (masked) of the 24 MP camera JPEG over a 20 Mbit/s uplink (result: ours ${size(ours)}, the photo's size; theirs ${size(theirs)}, the model's)`;
    const bytes = (list: typeof ours) => spread(list.map((r) => r.bytes / MB));
    const ms = (list: typeof ours) => spread(list.map((r) => r.run.ms));
    const rows: ResultRow[] = [
      {
        id: '13a',
        measurement: `${title}: bytes sent (request bodies and headers)${ours[0]!.run.note ? ` — ours ${ours[0]!.run.note.replace(/^[^:]*: /, '')}` : ''}`,
        unit: 'MB',
        ours: bytes(ours),
        theirs: bytes(theirs),
        theirsName: openaiName,
        target: '',
        met: undefined,
      },
      {
        id: '13b',
        measurement: `${title}: time to the result in hand (ours: decoding, cropping, uploading, the emulator's edit, compositing into the 24 MP original and encoding it as PNG)`,
        unit: 'ms',
        ours: ms(ours),
        theirs: ms(theirs),
        theirsName: openaiName,
        target: '',
        met: undefined,
      },
    ];
    return { rows, raw: Object.fromEntries(runs) };
  } finally {
    await proxy.close();
    await emulator.close();
  }
}
