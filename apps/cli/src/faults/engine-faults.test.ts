import {
  type EditImageResult,
  editImage,
  type ImageEditProvider,
  isRetouchError,
} from '@retouch/core';
import { startHostileServer } from '@retouch/core/testing';
import { createOpenAICompatibleProvider } from '@retouch/provider-openai-compatible';
import { createQueueProvider } from '@retouch/provider-queue';
import { describe, expect, it } from 'vitest';
import { sampleImage } from '../test-support/images.js';
import {
  type FaultCase,
  type FaultServers,
  faultCases,
  faultKey,
} from './__fixtures__/fault-cases.js';

function providerFor(fault: FaultCase, servers: FaultServers): ImageEditProvider {
  return fault.provider === 'queue'
    ? createQueueProvider({ baseURL: `${servers.api.origin}/v1/queue`, apiKey: faultKey })
    : createOpenAICompatibleProvider({ baseURL: `${servers.api.origin}/v1`, apiKey: faultKey });
}

/**
 * The same faults through `editImage()` in process, as a Node developer would meet them: the
 * same outcome (result or typed error) and no key in the error. Checks that read the terminal
 * are the CLI suite's.
 */
describe.concurrent('editImage() against a hostile server', () => {
  it.each(faultCases.map((fault) => [fault.name, fault] as const))(
    '%s',
    async (_name, fault) => {
      const servers: FaultServers = {
        api: await startHostileServer(),
        foreign: await startHostileServer(),
      };
      const controller = new AbortController();
      const interrupt =
        fault.interruptWhen &&
        setInterval(() => {
          if (fault.interruptWhen!(servers)) controller.abort();
        }, 25);
      try {
        fault.script(servers);
        const provider = providerFor(fault, servers);
        const outcome = await editImage({
          provider,
          model: provider.models[0]!.id,
          prompt: 'make it sepia',
          images: sampleImage,
          signal: controller.signal,
          ...(fault.options?.partials === undefined
            ? {}
            : { partialImages: fault.options.partials }),
          ...(fault.options?.timeoutMs === undefined
            ? {}
            : { timeoutMs: fault.options.timeoutMs, totalTimeoutMs: fault.options.timeoutMs }),
        }).then(
          (result: EditImageResult) => ({ result }),
          (error: unknown) => ({ error }),
        );

        if ('error' in outcome) {
          const { error } = outcome;
          expect(isRetouchError(error), String(error)).toBe(true);
          if (!isRetouchError(error)) return;
          expect(error.code, error.message).toBe(fault.expect.code);
          expect(error.message).not.toMatch(/bug in the provider/);
          expect(JSON.stringify({ ...error.toJSON(), cause: String(error.cause) })).not.toContain(
            faultKey,
          );
          if (!fault.tty) fault.check?.(servers, { stdout: '', stderr: error.message });
        } else {
          expect(fault.expect.exit, `succeeded: ${fault.name}`).toBe(0);
          expect(outcome.result.images).toHaveLength(fault.expect.outputs ?? 0);
          if (!fault.tty)
            fault.check?.(servers, { stdout: JSON.stringify(outcome.result.warnings), stderr: '' });
        }
      } finally {
        clearInterval(interrupt);
        await Promise.all([servers.api.close(), servers.foreign.close()]);
      }
    },
    120_000,
  );
});
