import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageDir, '.cache', 'cli-test');

describe('parseCliArgs', () => {
  it('maps flags, repeatable keys and faults, and the key from the environment', () => {
    const command = parseCliArgs(
      [
        '--port',
        '0',
        '--latency-ms',
        '5',
        '--workers',
        '3',
        '--key',
        'a',
        '--fault',
        '{"route":"files","status":500}',
        '--fault',
        '[{"route":"*","delayMs":1}]',
        '--no-admin',
      ],
      { RETOUCH_EMULATOR_KEY: 'b' },
    );
    expect(command).toEqual({
      help: false,
      options: {
        port: 0,
        host: '127.0.0.1',
        latencyMs: 5,
        workers: 3,
        apiKey: ['a', 'b'],
        admin: false,
        faults: [
          { route: 'files', status: 500 },
          { route: '*', delayMs: 1 },
        ],
      },
    });
  });

  it('compresses the Batch API window and names the lines that fail', () => {
    const command = parseCliArgs(
      ['--batch-window', '10s', '--batch-fail-line', '3', '--batch-fail-line', 'photo-7'],
      {},
    );
    expect(command).toMatchObject({
      help: false,
      options: { batchWindowMs: 10_000, batchFailLines: [3, 'photo-7'] },
    });
    expect(() => parseCliArgs(['--batch-window', 'soon'], {})).toThrow(/--batch-window/);
  });

  it('rejects bad values with a readable message', () => {
    expect(() => parseCliArgs(['--workers', '-1'], {})).toThrow(/--workers/);
    expect(() => parseCliArgs(['--fault', '{"route":"nowhere"}'], {})).toThrow(/--fault/);
    expect(() => parseCliArgs(['--nope'], {})).toThrow();
    expect(parseCliArgs(['-h'], {})).toEqual({ help: true });
  });
});

describe('retouch-emulator CLI', () => {
  beforeAll(() => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(
      process.execPath,
      [
        tsc,
        '-p',
        'tsconfig.build.json',
        '--outDir',
        outDir,
        '--declaration',
        'false',
        '--declarationMap',
        'false',
        '--sourceMap',
        'false',
      ],
      { cwd: packageDir },
    );
  }, 60_000);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints its URL, serves, and exits cleanly on ${signal}`, async () => {
      const child = spawn(process.execPath, [join(outDir, 'cli.js'), '--port', '0', '--key', 'k'], {
        cwd: packageDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/v1/queue/m/requests/x/status`, {
        headers: { authorization: 'Key k' },
      });
      expect(res.status).toBe(404);
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      child.kill(signal);
      expect(await exited).toBe(0);
    });
  }
});
