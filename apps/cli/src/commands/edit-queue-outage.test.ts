import { readdir, rm } from 'node:fs/promises';
import { type SwitchableProxy, startSwitchableProxy } from '@retouch/core/testing';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkDir } from '../test-support/images.js';
import { parseJsonOutput, spawnCli } from '../test-support/run-cli.js';

const key = 'sk-test-outage-3f9a12';
const outageMs = 60_000;

let emulator: Emulator;
let proxy: SwitchableProxy;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {}, jobDurationMs: 4000 });
  proxy = await startSwitchableProxy(new URL(emulator.url));
  dir = await createWorkDir();
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a paid queue job whose server disappears for a minute', () => {
  it('is followed through the outage, completed and written once, never submitted again', async () => {
    const child = spawnCli(['edit', 'photo.png', '--provider', 'queue', '--prompt', 'sepia'], {
      cwd: dir,
      env: { RETOUCH_BASE_URL: `${proxy.origin}/v1/queue`, FAL_KEY: key },
    });
    // The job is submitted and being followed; then the server vanishes (connections refused).
    await expect
      .poll(() => emulator.requests.some((r) => r.route.startsWith('queue.status')), {
        timeout: 30_000,
        interval: 50,
      })
      .toBe(true);
    await proxy.down();
    const downAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, outageMs));
    // Meanwhile the job finished on the server; nobody could ask.
    expect([...emulator.jobs.values()].map((job) => job.status)).toEqual(['COMPLETED']);
    await proxy.up();
    const run = await child.done;

    expect(run.code, run.stderr).toBe(0);
    expect(Date.now() - downAt).toBeGreaterThanOrEqual(outageMs);
    const out = parseJsonOutput(run.stdout);
    expect(out.outputs).toHaveLength(1);
    expect((await readdir(dir)).filter((name) => name.includes('.retouch-'))).toEqual([
      'photo.retouch-1.png',
    ]);
    expect(emulator.requests.filter((r) => r.route === 'queue.submit')).toHaveLength(1);
    expect(emulator.requests.filter((r) => r.route === 'queue.cancel')).toHaveLength(0);
    expect(emulator.jobs.size).toBe(1);
  }, 180_000);
});
