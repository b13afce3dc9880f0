import { startBenchEmulator } from '../bench-emulator.js';
import type { BenchImages } from '../bench-images.js';
import type { ResultRow } from '../results-table.js';
import { runInChild } from '../run-in-child.js';
import { spread } from '../stats.js';
import type { EditSide } from '../tasks/bench-task.js';
import type { UploadMemoryRun } from '../tasks/upload-memory-task.js';
import { alternate, plan } from './bench-plan.js';

const MB = 1024 * 1024;

export async function measureUploadMemory(images: BenchImages, openaiName: string) {
  const emulator = await startBenchEmulator({ maxBodyBytes: 256 * MB });
  try {
    const runs = await alternate(plan.uploadMemoryRuns, ['ours', 'theirs'], (side) =>
      runInChild<UploadMemoryRun>({
        kind: 'upload-memory',
        side: side as EditSide,
        url: emulator.url,
        large: images.large,
        small: images.small,
      }),
    );
    const ours = runs.get('ours')!;
    const theirs = runs.get('theirs')!;
    const fileBytes = ours[0]!.fileBytes;
    const oursMb = spread(ours.map((r) => r.aboveBaselineBytes / MB));
    const theirsMb = spread(theirs.map((r) => r.aboveBaselineBytes / MB));
    const row: ResultRow = {
      id: '1',
      measurement: `Upload memory: peak RSS above baseline, ${(fileBytes / MB).toFixed(1)} MB PNG`,
      unit: 'MB',
      ours: oursMb,
      theirs: theirsMb,
      theirsName: openaiName,
      target: '< 25% of file, ≤ 0.5× theirs',
      met: oursMb.median < (0.25 * fileBytes) / MB && oursMb.median <= 0.5 * theirsMb.median,
      note: `ours ${Math.round((oursMb.median / (fileBytes / MB)) * 100)}% of the file, theirs ${Math.round((theirsMb.median / (fileBytes / MB)) * 100)}%`,
    };
    return { rows: [row], raw: { fileBytes, ours, theirs } };
  } finally {
    await emulator.close();
  }
}
