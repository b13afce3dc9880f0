import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Real time standing for the Batch API's 24 h: 2,000 lines are paced over a quarter of it, and each answer is a real-size (1024×1024) image. */
const batchWindowMs = 300_000;
const side = 96;

/**
 * A 96×96 PNG of one colour. The emulator answers at gpt-image-1's real size (1024×1024), so an
 * input of noise would make every output line megabytes and the output file gigabytes; one
 * colour keeps each line a small base64 image, and the row measures what grows with the lines.
 */
async function flatPng(seed: number): Promise<Buffer> {
  const level = (seed * 37) % 256;
  return sharp({
    create: { width: side, height: side, channels: 3, background: { r: level, g: 96, b: 160 } },
  })
    .png()
    .toBuffer();
}

interface BatchRun {
  lines: number;
  /** Peak RSS of the run that built, uploaded and created the batch (stopped with Ctrl-C once it existed). */
  submitPeakRssBytes: number;
  /** Peak RSS of the run after it, which followed the finished batch and processed its output file. */
  processPeakRssBytes: number;
  /** The output file's size, as the emulator wrote it. */
  outputBytes: number;
  processMs: number;
}

const cliArgs = [
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
];

function cliEnv(dir: string, url: string, peakFile: string) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.no-config'),
    RETOUCH_BASE_URL: `${url}/v1`,
    OPENAI_API_KEY: benchApiKey,
    RETOUCH_BENCH_PEAK_FILE: peakFile,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const headers = { authorization: `Bearer ${benchApiKey}` };

/** Tried again when a kept-alive connection to the emulator was just closed under it. */
async function retried<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(200);
    }
  }
}

/** A GET of the emulator's API as JSON, tried again when a kept-alive connection was just closed. */
async function getJson(url: string): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await (await fetch(url, { headers })).json();
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(200);
    }
  }
}

async function newestBatch(
  url: string,
): Promise<{ id: string; status: string; output_file_id?: string } | undefined> {
  const list = (await getJson(`${url}/v1/batches?limit=1`)) as {
    data: Array<{ id: string; status: string; output_file_id?: string }>;
  };
  return list.data[0];
}

/**
 * One measured job: the CLI submits the batch and is stopped (Ctrl-C, as a user would) once the
 * batch exists and its journal records it; when the batch has finished on the server, the same
 * command runs again and processes the output file. Each process's peak RSS is its own.
 */
async function runBatch(url: string, image: Buffer, lines: number): Promise<BatchRun> {
  const dir = mkdtempSync(join(tmpdir(), 'retouch-bench-batch-'));
  try {
    for (let i = 0; i < lines; i++)
      writeFileSync(join(dir, `img-${String(i).padStart(4, '0')}.png`), image);
    const hook = pathToFileURL(join(distDir, 'peak-rss-hook.js')).href;
    const submitPeak = join(dir, 'peak-submit');
    const submit = spawn(process.execPath, ['--import', hook, cliBin, ...cliArgs], {
      cwd: dir,
      env: cliEnv(dir, url, submitPeak),
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => submit.once('exit', resolve));
    const recorded = () => {
      const journal = readdirSync(join(dir, 'out')).find(
        (name) => name.startsWith('.retouch-batch-api-') && name.endsWith('.json'),
      );
      return (
        journal !== undefined &&
        readFileSync(join(dir, 'out', journal), 'utf8').includes('"batchId"')
      );
    };
    while (!(existsSync(join(dir, 'out')) && recorded())) await sleep(100);
    submit.kill('SIGINT');
    await exited;
    for (;;) {
      const batch = await newestBatch(url);
      if (batch && ['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) break;
      await sleep(500);
    }
    const processPeak = join(dir, 'peak-process');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', hook, cliBin, ...cliArgs],
        { cwd: dir, env: cliEnv(dir, url, processPeak), maxBuffer: 256 * 1024 * 1024 },
        (error, out, err) =>
          error ? reject(new Error(`${error.message}\n${err}${out.slice(0, 2000)}`)) : resolve(out),
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
      submitPeakRssBytes: Number(readFileSync(submitPeak, 'utf8')),
      processPeakRssBytes: Number(readFileSync(processPeak, 'utf8')),
      outputBytes: await outputBytes(url),
      processMs: result.elapsedMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Measurement 14: the built CLI runs `--each --batch` against the emulator's Batch API, once with
 * 2,000 images and once with 200; each output line carries the 1024×1024 answer to a 96×96 one-colour PNG. The CLI reads the
 * output file as a stream, one line at a time, so the bigger file should not raise the peak.
 */
export async function measureBatchOutput() {
  const emulator = await startBenchEmulator({ batchWindowMs });
  const { batchOutputLines, batchOutputSmall } = plan;
  try {
    const image = await flatPng(7);
    const runs: Array<{ big: BatchRun; small: BatchRun }> = [];
    for (let i = 0; i < plan.batchOutputRuns; i++) {
      const big = await runBatch(emulator.url, image, batchOutputLines);
      await retried(() => emulator.reset());
      const small = await runBatch(emulator.url, image, batchOutputSmall);
      await retried(() => emulator.reset());
      runs.push({ big, small });
    }
    const memory = spread(
      runs.map((run) => run.big.processPeakRssBytes / run.small.processPeakRssBytes),
    );
    const submitMemory = spread(
      runs.map((run) => run.big.submitPeakRssBytes / run.small.submitPeakRssBytes),
    );
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
    const rows: ResultRow[] = [
      {
        id: '14a',
        measurement: `retouch edit --each --batch: peak RSS while processing a ${batchOutputLines}-line batch output file (${mib(runs[0]!.big.outputBytes)}) ÷ that for a ${batchOutputSmall}-line one (${mib(runs[0]!.small.outputBytes)}): the run that follows the finished batch and writes every result`,
        unit: '×',
        ours: memory,
        theirs: null,
        theirsName: '',
        target: '≤ 1.2×',
        met: memory.median <= 1.2,
      },
      {
        id: '14b',
        measurement: `retouch edit --each --batch, the run before it: peak RSS while building, spooling and uploading ${batchOutputLines} request lines ÷ ${batchOutputSmall}`,
        unit: '×',
        ours: submitMemory,
        theirs: null,
        theirsName: '',
        target: '',
        met: undefined,
      },
    ];
    return { rows, raw: runs };
  } finally {
    await emulator.close();
  }
}

/** The size of the output file of the emulator's (only) batch, read through the Batch API. */
async function outputBytes(url: string): Promise<number> {
  const id = (await newestBatch(url))?.output_file_id;
  if (!id) return 0;
  const file = (await getJson(`${url}/v1/files/${id}`)) as { bytes: number };
  return file.bytes;
}

export const batchOutputNote = (runs: number) =>
  `14: the built CLI runs \`retouch edit 'img-*.png' --each --batch --model gpt-image-1 --out out --json\` against the emulator's Batch API (its 24 h window compressed to ${batchWindowMs / 1000} s), with ${plan.batchOutputLines} and then ${plan.batchOutputSmall} copies of a 96×96 one-colour PNG; the emulator answers at gpt-image-1's 1024×1024, so each output line carries a small base64 PNG. Each job is two processes, as a user who closes the terminal meets it: the first builds the lines, spools and uploads them and creates the batch, and is stopped with Ctrl-C once its journal records the batch (9b); once the batch has finished on the server, the same command follows it, downloads the output file, reads it line by line and writes every result with its record (9a). Peak RSS is each process's kernel VmHWM, written as it exits. ${runs} runs; the figures are the medians of the ratios.`;
