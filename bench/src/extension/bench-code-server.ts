import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, codeServerBin, node24Env } from '@retouch/vscode-e2e/scripts/setup.mjs';

const execFileAsync = promisify(execFile);

export interface BenchCodeServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Why code-server cannot be used, or undefined when the end-to-end suite's cache is ready. The
 * bench only reads that cache: installing into it could race with the suite's own setup.
 */
export function codeServerUnavailable(): string | undefined {
  if (existsSync(join(cacheDir, 'setup-complete.json')) && existsSync(codeServerBin)) return;
  return 'code-server is not set up; run `pnpm --filter @retouch/vscode-e2e setup` first';
}

/**
 * code-server from the end-to-end suite's cache (apps/vscode-e2e/.cache, installed by its setup
 * script), in an isolated profile under `root`, with the smoke-test driver on so a page can load
 * an extension-tests runner through the `payload` query.
 */
export async function startBenchCodeServer(root: string, vsix: string): Promise<BenchCodeServer> {
  const unavailable = codeServerUnavailable();
  if (unavailable) throw new Error(unavailable);
  rmSync(root, { recursive: true, force: true });
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const xdg = join(root, 'xdg');
  for (const dir of [join(userDataDir, 'User'), extensionsDir, xdg, join(root, 'tmp')]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'chat.disableAIFeatures': true,
      'git.enabled': false,
    }),
  );
  const config = join(root, 'config.yaml');
  writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const env = node24Env({
    ...process.env,
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    TMPDIR: join(root, 'tmp'),
  });
  for (const name of Object.keys(env)) if (/^(OPENAI|RETOUCH|FAL)_/i.test(name)) delete env[name];
  const dirs = ['--config', config, '--user-data-dir', userDataDir];
  dirs.push('--extensions-dir', extensionsDir);
  await execFileAsync(codeServerBin, [...dirs, '--install-extension', vsix, '--force'], {
    env,
    timeout: 120_000,
  });
  // setsid: code-server and its helpers get their own process group, stopped together.
  const child = spawn(
    'setsid',
    [
      codeServerBin,
      ...dirs,
      '--auth',
      'none',
      '--bind-addr',
      '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--disable-workspace-trust',
      '--ignore-last-opened',
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    const url = await waitFor(60_000, () => {
      if (child.exitCode !== null) throw new Error(`code-server exited:\n${output}`);
      return /HTTP server listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
    });
    await waitFor(30_000, async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined));
    return { url, close: () => stopGroup(child) };
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
}

async function waitFor<T>(
  timeoutMs: number,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      if (String(error).includes('code-server exited')) throw error;
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group is gone already.
    }
  };
  signal('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  signal('SIGKILL');
}
