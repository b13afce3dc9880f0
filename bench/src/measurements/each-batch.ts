import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBenchEmulator } from '../bench-emulator.js';
import type { BenchImages } from '../bench-images.js';
import { benchApiKey } from '../bench-key.js';
import { distDir } from '../bench-paths.js';
import { benchModel } from '../clients/image-edit-client.js';
import type { ResultRow } from '../results-table.js';
import { median, spread } from '../stats.js';
import { plan } from './bench-plan.js';

const require = createRequire(import.meta.url);
const cliBin = join(dirname(require.resolve('@retouch/cli/package.json')), 'dist', 'bin.js');

interface CliBatch {
  /** The batch's own time as the CLI reports it (`elapsedMs`): inputs checked, every edit written. */
  batchMs: number;
  /** Per-item times, for the single-edit calibration. */
  itemMs: number[];
  peakRssBytes: number;
}

/** Runs `retouch edit <count images> --each` in a fresh process and reads what it reports. */
async function runBatch(
  url: string,
  small: string,
  count: number,
  concurrency: number,
): Promise<CliBatch> {
  const dir = mkdtempSync(join(tmpdir(), 'retouch-bench-each-'));
  try {
    const names = Array.from({ length: count }, (_, i) => `img-${String(i).padStart(3, '0')}.png`);
    for (const name of names) copyFileSync(small, join(dir, name));
    mkdirSync(join(dir, 'out'));
    const peakFile = join(dir, 'peak-rss');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [
          '--import',
          pathToFileURL(join(distDir, 'peak-rss-hook.js')).href,
          cliBin,
          'edit',
          '*.png',
          '--each',
          '--concurrency',
          String(concurrency),
          // As in row 2: a model the emulator answers at the input's size. A known model is
          // answered at 1024 pixels, and 8 such answers encoded at once on a 2-core machine make
          // the row measure the emulator's CPU rather than the CLI's concurrency.
          '--model',
          benchModel,
          '--prompt',
          'tint',
          '--out',
          'out',
          '--json',
        ],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: dir,
            XDG_CONFIG_HOME: join(dir, '.no-config'),
            RETOUCH_BASE_URL: `${url}/v1`,
            OPENAI_API_KEY: benchApiKey,
            RETOUCH_BENCH_PEAK_FILE: peakFile,
          },
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
    });
    const result = JSON.parse(stdout) as {
      ok: boolean;
      counts: { done: number };
      elapsedMs: number;
      items: Array<{ elapsedMs?: number }>;
    };
    if (!result.ok || result.counts.done !== count)
      throw new Error(`the batch did not finish: ${stdout.slice(0, 500)}`);
    return {
      batchMs: result.elapsedMs,
      itemMs: result.items.flatMap((item) =>
        item.elapsedMs === undefined ? [] : [item.elapsedMs],
      ),
      peakRssBytes: Number(readFileSync(peakFile, 'utf8')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface EachBatchRun {
  images: number;
  concurrency: number;
  batchMs: number;
  /** Median time of one item when the CLI edits them one at a time, measured just before. */
  singleEditMs: number;
  /** ceil(images / concurrency) × singleEditMs. */
  idealMs: number;
  peakRssBytes: number;
  /** Peak RSS of the same batch with 20 images, measured just after. */
  smallBatchPeakRssBytes: number;
}

/**
 * Measurement 7: `retouch edit --each` over 200 small images at concurrency 8 against the
 * emulator at 100 ms latency. The ideal is the time one item takes in the same CLI, one at a
 * time, times the rounds the batch needs; memory is compared with a 20-image batch.
 */
export async function measureEachBatch(images: BenchImages) {
  const emulator = await startBenchEmulator({ latencyMs: plan.concurrencyLatencyMs });
  const { eachImages, eachSmallBatch, concurrency } = plan;
  try {
    const runs: EachBatchRun[] = [];
    for (let i = 0; i < plan.eachRuns; i++) {
      const calibration = await runBatch(emulator.url, images.small, 9, 1);
      // The first item also opens the connection: leave it out.
      const singleEditMs = median(calibration.itemMs.slice(1));
      const big = await runBatch(emulator.url, images.small, eachImages, concurrency);
      const small = await runBatch(emulator.url, images.small, eachSmallBatch, concurrency);
      await emulator.reset();
      runs.push({
        images: eachImages,
        concurrency,
        batchMs: big.batchMs,
        singleEditMs,
        idealMs: Math.ceil(eachImages / concurrency) * singleEditMs,
        peakRssBytes: big.peakRssBytes,
        smallBatchPeakRssBytes: small.peakRssBytes,
      });
    }
    const what = `retouch edit --each, ${eachImages} 64×64 images, concurrency ${concurrency}, ${plan.concurrencyLatencyMs} ms latency`;
    const over = spread(runs.map((run) => run.batchMs / run.idealMs));
    const memory = spread(runs.map((run) => run.peakRssBytes / run.smallBatchPeakRssBytes));
    const rows: ResultRow[] = [
      {
        id: '7a',
        measurement: `${what}: batch time ÷ the ideal, ceil(${eachImages}/${concurrency}) × one item's own time in the same CLI`,
        unit: '×',
        ours: over,
        theirs: null,
        theirsName: '',
        target: '≤ 1.1×',
        met: over.median <= 1.1,
      },
      {
        id: '7b',
        measurement: `${what}: peak RSS ÷ that of a ${eachSmallBatch}-image batch`,
        unit: '×',
        ours: memory,
        theirs: null,
        theirsName: '',
        target: '≤ 1.2×',
        met: memory.median <= 1.2,
      },
    ];
    return { rows, raw: runs };
  } finally {
    await emulator.close();
  }
}
