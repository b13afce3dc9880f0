import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { startBenchEmulator } from '../bench-emulator.js';
import { benchApiKey } from '../bench-key.js';
import { distDir } from '../bench-paths.js';
import type { ResultRow } from '../results-table.js';
import { spread } from '../stats.js';
import { plan } from './bench-plan.js';

const require = createRequire(import.meta.url);
const cliBin = join(dirname(require.resolve('@retouch/cli/package.json')), 'dist', 'bin.js');

/** Real time standing for the Batch API's 24 h: 2,000 lines are paced over a quarter of it. */
const batchWindowMs = 60_000;
const side = 96;

/** A 96×96 PNG of noise (about 28 KB, 37 KB as base64): each output line carries one like it. */
async function noisePng(seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(side * side * 3);
  let state = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    raw[i] = state >>> 24;
  }
  return sharp(raw, { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
}

interface BatchRun {
  lines: number;
  peakRssBytes: number;
  /** The output file's size, as the emulator wrote it. */
  outputBytes: number;
  elapsedMs: number;
}

/** `retouch edit <lines images> --each --batch` in a fresh process; its peak RSS (VmHWM). */
async function runBatch(
  url: string,
  image: Buffer,
  lines: number,
): Promise<Omit<BatchRun, 'outputBytes'>> {
  const dir = mkdtempSync(join(tmpdir(), 'retouch-bench-batch-'));
  try {
    for (let i = 0; i < lines; i++)
      writeFileSync(join(dir, `img-${String(i).padStart(4, '0')}.png`), image);
    const peakFile = join(dir, 'peak-rss');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [
          '--import',
          pathToFileURL(join(distDir, 'peak-rss-hook.js')).href,
          cliBin,
          'edit',
          'img-*.png',
          '--each',
          '--batch',
          '--model',
          'gpt-image-1',
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
          maxBuffer: 256 * 1024 * 1024,
        },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
    });
    const result = JSON.parse(stdout) as {
      ok: boolean;
      counts: { done: number };
      elapsedMs: number;
    };
    if (!result.ok || result.counts.done !== lines) {
      throw new Error(`the batch did not finish: ${stdout.slice(0, 500)}`);
    }
    return {
      lines,
      peakRssBytes: Number(readFileSync(peakFile, 'utf8')),
      elapsedMs: result.elapsedMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Measurement 8: the built CLI runs `--each --batch` against the emulator's Batch API, once with
 * 2,000 images and once with 200; each output line carries a 96×96 noise PNG. The CLI reads the
 * output file as a stream, one line at a time, so the bigger file should not raise the peak.
 */
export async function measureBatchOutput() {
  const emulator = await startBenchEmulator({ batchWindowMs });
  const { batchOutputLines, batchOutputSmall } = plan;
  try {
    const image = await noisePng(7);
    const runs: Array<{ big: BatchRun; small: BatchRun }> = [];
    for (let i = 0; i < plan.batchOutputRuns; i++) {
      const big = await runBatch(emulator.url, image, batchOutputLines);
      const bigOutput = await outputBytes(emulator.url);
      await emulator.reset();
      const small = await runBatch(emulator.url, image, batchOutputSmall);
      const smallOutput = await outputBytes(emulator.url);
      await emulator.reset();
      runs.push({
        big: { ...big, outputBytes: bigOutput },
        small: { ...small, outputBytes: smallOutput },
      });
    }
    const memory = spread(runs.map((run) => run.big.peakRssBytes / run.small.peakRssBytes));
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
    const rows: ResultRow[] = [
      {
        id: '8',
        measurement: `retouch edit --each --batch: peak RSS while processing a ${batchOutputLines}-line batch output file (${mib(runs[0]!.big.outputBytes)}) ÷ that for a ${batchOutputSmall}-line one (${mib(runs[0]!.small.outputBytes)})`,
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

/** The size of the output file of the emulator's (only) batch, read through the Batch API. */
async function outputBytes(url: string): Promise<number> {
  const headers = { authorization: `Bearer ${benchApiKey}` };
  const list = (await (await fetch(`${url}/v1/batches?limit=1`, { headers })).json()) as {
    data: Array<{ output_file_id?: string }>;
  };
  const id = list.data[0]?.output_file_id;
  if (!id) return 0;
  const file = (await (await fetch(`${url}/v1/files/${id}`, { headers })).json()) as {
    bytes: number;
  };
  return file.bytes;
}

export const batchOutputNote = (runs: number) =>
  `8: the built CLI runs \`retouch edit 'img-*.png' --each --batch --model gpt-image-1 --out out --json\` in a fresh process against the emulator's Batch API (its 24 h window compressed to ${batchWindowMs / 1000} s), with ${plan.batchOutputLines} and then ${plan.batchOutputSmall} copies of a 96×96 noise PNG, so each output line carries a ~37 KB base64 image. The whole run is measured (lines built and spooled, input uploaded, batch followed, output and error files read, every result written with its record, the journal kept); peak RSS is the kernel's VmHWM, written as the process exits. ${runs} runs; the figure is the median of the ratios.`;
