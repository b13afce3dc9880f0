import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkDir } from '../test-support/images.js';
import { parseJsonOutput, runCli, spawnCli } from '../test-support/run-cli.js';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'retouch-emu-'));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

describe('retouch emulator (built CLI)', () => {
  it('prints its URLs, serves edits from another retouch process, and stops on Ctrl-C', async () => {
    const server = spawnCli(['emulator', '--json'], { cwd });
    const firstLine = await new Promise<string>((resolve) => {
      createInterface({ input: server.stdout! }).once('line', resolve);
    });
    const urls = JSON.parse(firstLine);
    expect(urls.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(urls.openaiBaseURL).toBe(`${urls.url}/v1`);

    const work = await createWorkDir();
    try {
      const edit = await runCli(['edit', 'photo.png', '--prompt', 'invert'], {
        cwd: work,
        env: { RETOUCH_BASE_URL: urls.openaiBaseURL, OPENAI_API_KEY: 'any-key-works' },
      });
      expect(edit.code).toBe(0);
      expect(parseJsonOutput(edit.stdout).outputs).toHaveLength(1);
    } finally {
      await rm(work, { recursive: true, force: true });
    }

    server.kill('SIGINT');
    expect((await server.done).code).toBe(0);
  });

  it('refuses a bad fault rule with exit code 2', async () => {
    const run = await runCli(['emulator', '--fault', '{"route":"nowhere"}'], { cwd });
    expect(run.code).toBe(2);
    expect(parseJsonOutput(run.stderr).error.message).toMatch(/--fault is not a valid rule/);
  });
});
