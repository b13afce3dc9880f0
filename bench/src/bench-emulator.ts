import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorOptions } from 'retouch-emulator';
import { benchApiKey } from './bench-key.js';
import { distDir } from './bench-paths.js';

/** A job as `GET /__admin/jobs/{id}` shows it; times are the emulator's Date.now(). */
export interface AdminJob {
  id: string;
  status: string;
  submitted_at: number;
  started_at: number | null;
  completed_at: number | null;
}

export interface AdminRequest {
  method: string;
  path: string;
  route: string;
  timestamp: string;
  status?: number;
}

export interface BenchEmulator {
  url: string;
  jobs(): Promise<AdminJob[]>;
  requests(): Promise<AdminRequest[]>;
  /** CPU time the emulator process has used so far (Linux; undefined elsewhere). */
  cpuMs(): number | undefined;
  /** Clears requests, jobs, faults and served files. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

type SerializableOptions = Omit<EmulatorOptions, 'log' | 'apiKey'>;

/** Starts retouch-emulator in its own process and talks to it over HTTP (admin API). */
export async function startBenchEmulator(options: SerializableOptions): Promise<BenchEmulator> {
  const child = fork(join(distDir, 'emulator-process.js'), [], {
    env: {
      ...process.env,
      RETOUCH_BENCH_EMULATOR: JSON.stringify(options),
      RETOUCH_BENCH_KEY: benchApiKey,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
  });
  const admin = async (method: string, path: string): Promise<unknown> => {
    const response = await fetch(`${url}/__admin${path}`, { method });
    if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status}`);
    return response.json();
  };
  return {
    url,
    jobs: async () => ((await admin('GET', '/jobs')) as { jobs: AdminJob[] }).jobs,
    requests: async () =>
      ((await admin('GET', '/requests')) as { requests: AdminRequest[] }).requests,
    cpuMs: () => (child.pid === undefined ? undefined : processCpuMs(child.pid)),
    reset: async () => {
      await admin('POST', '/reset');
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

let clockTicks: number | undefined;

/** utime + stime of a process from /proc/<pid>/stat, in milliseconds. */
function processCpuMs(pid: number): number | undefined {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1000;
  } catch {
    return undefined;
  }
}
