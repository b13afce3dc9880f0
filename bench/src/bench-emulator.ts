import { fork } from 'node:child_process';
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
