import { statSync } from 'node:fs';
import { startBenchEmulator } from '../bench-emulator.js';
import type { BenchImages } from '../bench-images.js';
import { ensurePhotoImages } from '../photo-images.js';
import type { ResultRow } from '../results-table.js';
import { runInChild } from '../run-in-child.js';
import { type Spread, spread } from '../stats.js';
import type { EditSide } from '../tasks/bench-task.js';
import type { PhotoEditRun, PhotoPrepareRun } from '../tasks/photo-edit-task.js';
import { startThrottleProxy } from '../throttle-proxy.js';
import { alternate, plan } from './bench-plan.js';

const MB = 1e6;
const uplinkBitsPerSecond = 20e6;

interface SideRuns {
  runs: PhotoEditRun[];
  bytes: number[];
  /** CPU the emulator process spent on the run (warm-up edit included): the server's share. */
  emulatorCpu: number[];
}

/**
 * 8: one gpt-image-2 edit of a real-sized photo over a 20 Mbit/s uplink (a throttling proxy in
 * front of the emulator), ours beside the official openai SDK: bytes sent, time to the result,
 * client CPU and peak memory; and what preparing the photo costs on its own.
 */
export async function measurePhotoEdits(images: BenchImages, openaiName: string) {
  const photos = await ensurePhotoImages();
  const emulator = await startBenchEmulator({ maxBodyBytes: 128 * 1024 * 1024 });
  const proxy = await startThrottleProxy(emulator.url, uplinkBitsPerSecond);
  try {
    const editRuns = (photo: string) =>
      alternate(plan.photoRuns, ['ours', 'theirs'], async (side) => {
        proxy.reset();
        const emulatorCpuBefore = emulator.cpuMs();
        const run = await runInChild<PhotoEditRun>({
          kind: 'photo-edit',
          side: side as EditSide,
          url: proxy.url,
          photo,
          small: images.small,
        });
        const emulatorCpu = (emulator.cpuMs() ?? Number.NaN) - (emulatorCpuBefore ?? Number.NaN);
        return { run, bytes: proxy.bytesUp(), emulatorCpu };
      });
    const collect = (
      runs: Map<string, { run: PhotoEditRun; bytes: number; emulatorCpu: number }[]>,
      side: string,
    ) => {
      const list = runs.get(side)!;
      return {
        runs: list.map((r) => r.run),
        bytes: list.map((r) => r.bytes),
        emulatorCpu: list.map((r) => r.emulatorCpu).filter((v) => Number.isFinite(v)),
      } satisfies SideRuns;
    };
    const jpegRuns = await editRuns(photos.cameraJpeg);
    const heicRuns = await editRuns(photos.phoneHeic);
    const prepare = async (photo: string) => {
      const runs: PhotoPrepareRun[] = [];
      for (let i = 0; i < plan.photoRuns; i++) {
        runs.push(
          await runInChild<PhotoPrepareRun>({ kind: 'photo-prepare', side: 'ours', photo }),
        );
      }
      return runs;
    };
    const jpegPrepare = await prepare(photos.cameraJpeg);
    const heicPrepare = await prepare(photos.phoneHeic);
    const rows = [
      ...photoRows(
        '8',
        `24 MP camera JPEG (6000×4000, ${(statSync(photos.cameraJpeg).size / MB).toFixed(1)} MB, EXIF-rotated)`,
        collect(jpegRuns, 'ours'),
        collect(jpegRuns, 'theirs'),
        jpegPrepare,
        openaiName,
        true,
      ),
      ...photoRows(
        '9',
        `12 MP phone HEIC (4032×3024, ${(statSync(photos.phoneHeic).size / MB).toFixed(2)} MB)`,
        collect(heicRuns, 'ours'),
        collect(heicRuns, 'theirs'),
        heicPrepare,
        openaiName,
        false,
      ),
    ];
    return {
      rows,
      raw: {
        jpegRuns: Object.fromEntries(jpegRuns),
        heicRuns: Object.fromEntries(heicRuns),
        jpegPrepare,
        heicPrepare,
      },
    };
  } finally {
    await proxy.close();
    await emulator.close();
  }
}

function figures(side: SideRuns, key: 'ms' | 'cpuMs' | 'aboveBaselineBytes'): Spread | null {
  const values = side.runs.map((run) => run[key]).filter((v): v is number => v !== undefined);
  if (values.length === 0) return null;
  return spread(key === 'aboveBaselineBytes' ? values.map((v) => v / MB) : values);
}

function photoRows(
  id: string,
  photo: string,
  ours: SideRuns,
  theirs: SideRuns,
  prepared: PhotoPrepareRun[],
  openaiName: string,
  targets: boolean,
): ResultRow[] {
  const title = `gpt-image-2 edit of a ${photo} over a 20 Mbit/s uplink`;
  const refused = theirs.runs.find((run) => run.error)?.error;
  const theirsBytes = refused ? null : spread(theirs.bytes.map((b) => b / MB));
  const oursBytes = spread(ours.bytes.map((b) => b / MB));
  const oursMs = figures(ours, 'ms');
  const theirsMs = refused ? null : figures(theirs, 'ms');
  const ratio = (a: Spread | null, b: Spread | null) => (a && b ? a.median / b.median : undefined);
  const bytesRatio = ratio(oursBytes, theirsBytes);
  const timeRatio = ratio(oursMs, theirsMs);
  const cannot = refused ? `the SDK cannot send it: ${refused}` : undefined;
  const note = ours.runs.find((run) => run.note)?.note;
  return [
    {
      id: `${id}a`,
      measurement: `${title}: bytes sent (request bodies and headers, all calls)${note ? ` — ours ${note.replace(/^[^:]*: /, '')}` : ''}`,
      unit: 'MB',
      ours: oursBytes,
      theirs: theirsBytes,
      theirsName: openaiName,
      target: targets ? '≤ 0.4× theirs' : '',
      met: targets ? (bytesRatio === undefined ? undefined : bytesRatio <= 0.4) : undefined,
      ...(cannot ? { note: cannot } : {}),
    },
    {
      id: `${id}b`,
      measurement: `${title}: time to the result in hand (preparing, uploading, the emulator's edit, reading the answer)`,
      unit: 'ms',
      ours: oursMs,
      theirs: theirsMs,
      theirsName: openaiName,
      target: targets ? '≤ 0.5× theirs' : '',
      met: targets ? (timeRatio === undefined ? undefined : timeRatio <= 0.5) : undefined,
      ...(cannot ? { note: cannot } : {}),
    },
    {
      id: `${id}c`,
      measurement: `${title}: client CPU for the edit (ours includes preparing the photo)`,
      unit: 'ms',
      ours: figures(ours, 'cpuMs'),
      theirs: refused ? null : figures(theirs, 'cpuMs'),
      theirsName: openaiName,
      target: '',
      met: undefined,
    },
    {
      id: `${id}d`,
      measurement: `${title}: client peak RSS above the settled baseline during the edit`,
      unit: 'MB',
      ours: figures(ours, 'aboveBaselineBytes'),
      theirs: refused ? null : figures(theirs, 'aboveBaselineBytes'),
      theirsName: openaiName,
      target: '',
      met: undefined,
    },
    {
      id: `${id}e`,
      measurement: `${photo}: preparation alone in a fresh process (load the codec, decode, turn upright, shrink to 3840, JPEG q85 → ${prepared[0]!.width}×${prepared[0]!.height}, ${(prepared[0]!.sentBytes / MB).toFixed(2)} MB): CPU`,
      unit: 'ms',
      ours: spread(prepared.map((run) => run.cpuMs)),
      theirs: null,
      theirsName: '',
      target: '',
      met: undefined,
    },
    {
      id: `${id}f`,
      measurement: `${photo}: preparation alone: peak RSS above the settled baseline`,
      unit: 'MB',
      ours: spread(prepared.map((run) => run.aboveBaselineBytes / MB)),
      theirs: null,
      theirsName: '',
      target: '',
      met: undefined,
    },
    {
      id: `${id}g`,
      measurement: `${title}: the emulator's own CPU for the run (its edit of what it received, the small warm-up edit included; part of the time to result, not the client's)`,
      unit: 'ms',
      ours: ours.emulatorCpu.length > 0 ? spread(ours.emulatorCpu) : null,
      theirs: refused || theirs.emulatorCpu.length === 0 ? null : spread(theirs.emulatorCpu),
      theirsName: openaiName,
      target: '',
      met: undefined,
    },
  ];
}
