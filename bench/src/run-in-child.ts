import { fork } from 'node:child_process';
import { join } from 'node:path';
import { benchApiKey } from './bench-key.js';
import { distDir } from './bench-paths.js';
import type { BenchTask } from './tasks/bench-task.js';

type Reply = { ok: true; result: unknown } | { ok: false; error: string };

/** Runs a task in a fresh Node process (its own heap, RSS baseline and CPU counters). */
export function runInChild<T>(task: BenchTask): Promise<T> {
  const child = fork(join(distDir, 'client-process.js'), [], {
    execArgv: ['--expose-gc'],
    env: {
      ...process.env,
      RETOUCH_BENCH_TASK: JSON.stringify(task),
      RETOUCH_BENCH_KEY: benchApiKey,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<T>((resolve, reject) => {
    let reply: Reply | undefined;
    child.on('message', (message) => {
      reply = message as Reply;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (reply?.ok) resolve(reply.result as T);
      else if (reply) reject(new Error(`${task.kind} (${task.side}) failed: ${reply.error}`));
      else reject(new Error(`${task.kind} (${task.side}) exited with ${code} and no result`));
    });
  });
}
