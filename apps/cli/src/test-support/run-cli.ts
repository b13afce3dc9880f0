import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The BUILT entry point: these tests exercise what users install, shebang and all. */
export const binPath = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** Added to a minimal environment: no key, proxy or config of the developer's leaks in. */
  env?: Record<string, string>;
  /** Node options before the script, e.g. `['--import', preload]`. */
  nodeArgs?: readonly string[];
}

export function spawnCli(
  args: readonly string[],
  options: CliOptions,
): ChildProcess & { done: Promise<CliRun> } {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), binPath, ...args], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: options.cwd,
      XDG_CONFIG_HOME: `${options.cwd}/.no-config`,
      NO_PROXY: '127.0.0.1,localhost',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(child, { done });
}

export function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return spawnCli(args, options).done;
}

/** The single JSON document a machine-mode run prints on stdout (or stderr for an error). */
// biome-ignore lint/suspicious/noExplicitAny: tests read whatever the CLI printed
export function parseJsonOutput(text: string): any {
  const trimmed = text.trim();
  if (trimmed.split('\n').length !== 1) throw new Error(`expected one JSON line, got:\n${text}`);
  return JSON.parse(trimmed);
}
