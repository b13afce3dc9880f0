import { rm } from 'node:fs/promises';
import { startHostileServer } from '@retouch/core/testing';
import { describe, expect, it } from 'vitest';
import { createWorkDir } from '../test-support/images.js';
import { filesContaining, listFiles, runMeasuredCli } from '../test-support/measured-cli.js';
import {
  type FaultCase,
  type FaultServers,
  faultCases,
  faultKey,
} from './__fixtures__/fault-cases.js';

const maxPeakRssBytes = 300 * 1024 * 1024;
const inputs = ['mask.png', 'photo.png'];

function cliArgs(
  fault: FaultCase,
  servers: FaultServers,
): { args: string[]; env: Record<string, string> } {
  const args = ['edit', 'photo.png', '--prompt', 'make it sepia'];
  if (fault.options?.partials !== undefined)
    args.push('--partials', String(fault.options.partials));
  if (fault.options?.timeoutMs !== undefined)
    args.push('--timeout', `${fault.options.timeoutMs}ms`);
  if (!fault.tty) args.push('--json');
  const env: Record<string, string> =
    fault.provider === 'queue'
      ? {
          RETOUCH_PROVIDER: 'queue',
          RETOUCH_BASE_URL: `${servers.api.origin}/v1/queue`,
          FAL_KEY: faultKey,
        }
      : { RETOUCH_BASE_URL: `${servers.api.origin}/v1`, OPENAI_API_KEY: faultKey };
  return { args, env };
}

/** The error code the CLI reported: from its JSON document, or from the human line's facts. */
function reportedCode(stderr: string, tty: boolean | undefined): string | undefined {
  if (!tty) return stderr.trim() === '' ? undefined : JSON.parse(stderr.trim()).error?.code;
  return /\((\w+)(?: ·[^;)]*)?; exit code \d+\)/.exec(stderr)?.[1];
}

// Each case has its own servers, so cases run side by side; a handful at a time on 2 cores.
describe.concurrent('the CLI against a hostile server', () => {
  it.each(faultCases.map((fault) => [fault.name, fault] as const))(
    '%s',
    async (_name, fault) => {
      const servers: FaultServers = {
        api: await startHostileServer(),
        foreign: await startHostileServer(),
      };
      const dir = await createWorkDir();
      try {
        fault.script(servers);
        const { args, env } = cliArgs(fault, servers);
        const run = await runMeasuredCli(args, {
          cwd: dir,
          env,
          tty: fault.tty,
          interruptWhen: fault.interruptWhen && (() => fault.interruptWhen!(servers)),
        });
        const context = `${fault.name}\nstdout: ${run.stdout.slice(0, 1500)}\nstderr: ${run.stderr.slice(0, 1500)}`;

        expect(run.code, context).toBe(fault.expect.exit);
        if (fault.expect.code)
          expect(reportedCode(run.stderr, fault.tty), context).toBe(fault.expect.code);
        expect(run.elapsedMs, context).toBeLessThan((fault.maxSeconds ?? 60) * 1000);
        expect(run.peakRssBytes, context).toBeLessThan(maxPeakRssBytes);
        // No stack trace and no Node warning (MaxListenersExceededWarning, unhandled rejections …).
        expect(run.stderr, context).not.toMatch(/\n\s+at .+:\d+:\d+|\(node:\d+\)|Warning:/);

        expect(run.stdout + run.stderr).not.toContain(faultKey);
        expect(await filesContaining(dir, faultKey)).toEqual([]);
        const files = await listFiles(dir);
        const written = files.filter((file) => !inputs.includes(file));
        // Each result is one image (its record is inside it); a failure leaves nothing behind.
        expect(written, context).toHaveLength(fault.expect.outputs ?? 0);
        expect(written.every((file) => file.startsWith('photo.retouch-'))).toBe(true);

        fault.check?.(servers, run);
      } finally {
        await Promise.all([servers.api.close(), servers.foreign.close()]);
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
