import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type CliOptions, type CliRun, spawnCli } from './run-cli.js';

/**
 * Loaded into the CLI with `--import` by fault tests only. It reports the process's real peak
 * resident memory when it exits, and can make stdout and stderr look like a terminal so the
 * human output (error line, live progress line) is what gets printed.
 */
const preloadSource = `import { writeFileSync } from 'node:fs';
const report = process.env.RETOUCH_TEST_PEAK_RSS_FILE;
if (process.env.RETOUCH_TEST_TTY === '1') {
  for (const stream of [process.stdout, process.stderr]) {
    stream.isTTY = true;
    stream.columns = 160;
  }
}
process.on('exit', () => {
  if (report) writeFileSync(report, String(process.resourceUsage().maxRSS * 1024));
});
`;

export interface MeasuredRun extends CliRun {
  /** The CLI process's peak resident set size, in bytes (from the kernel, at exit). */
  peakRssBytes: number;
  elapsedMs: number;
}

export interface MeasuredOptions extends CliOptions {
  /** Pretend stdout and stderr are a terminal: human output instead of JSON. */
  tty?: boolean;
  /** Sends SIGINT once this returns true (checked every 25 ms). */
  interruptWhen?: () => boolean;
}

let preloadDir: Promise<string> | undefined;

async function preloadPath(): Promise<string> {
  preloadDir ??= mkdtemp(join(tmpdir(), 'retouch-preload-')).then(async (dir) => {
    await writeFile(join(dir, 'report-peak-memory.mjs'), preloadSource);
    return dir;
  });
  return join(await preloadDir, 'report-peak-memory.mjs');
}

/** Runs the built CLI like `runCli`, and measures its time and peak memory. */
export async function runMeasuredCli(
  args: readonly string[],
  options: MeasuredOptions,
): Promise<MeasuredRun> {
  const reportDir = await mkdtemp(join(tmpdir(), 'retouch-rss-'));
  const reportFile = join(reportDir, 'peak');
  const started = performance.now();
  const child = spawnCli(args, {
    ...options,
    nodeArgs: ['--import', await preloadPath()],
    env: {
      ...options.env,
      RETOUCH_TEST_PEAK_RSS_FILE: reportFile,
      ...(options.tty ? { RETOUCH_TEST_TTY: '1' } : {}),
    },
  });
  let poll: NodeJS.Timeout | undefined;
  if (options.interruptWhen) {
    const check = options.interruptWhen;
    poll = setInterval(() => {
      if (check()) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 25);
  }
  try {
    const run = await child.done;
    const elapsedMs = performance.now() - started;
    const peak = await readFile(reportFile, 'utf8').catch(() => '');
    return { ...run, elapsedMs, peakRssBytes: Number(peak) || Number.NaN };
  } finally {
    clearInterval(poll);
    await rm(reportDir, { recursive: true, force: true });
  }
}

/** Every file under `dir`, relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Files under `dir` whose bytes contain `secret`. */
export async function filesContaining(dir: string, secret: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await listFiles(dir)) {
    if ((await readFile(join(dir, file))).includes(secret)) found.push(file);
  }
  return found;
}
