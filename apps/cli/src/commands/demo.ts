import { constants } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistry, type ImageEditProvider } from '@retouch/core';
import { hashFile } from '@retouch/output/node';
import {
  describeEditProgress,
  type EditOutcome,
  type EditProgress,
  initialEditProgress,
  reduceEditProgress,
  type SessionProgressEvent,
} from '@retouch/session';
import { parseCommandArgs } from '../args/parse-command-args.js';
import { type CliContext, printOut } from '../cli-context.js';
import { displayPath, formatOutcome, outputsJson } from '../edit/format-outcome.js';
import { exitCodes } from '../exit-codes.js';
import { loadPlugin } from '../plugins/load-plugin.js';
import { ProgressLine } from '../progress/progress-line.js';
import { cliSession } from '../session/cli-session.js';
import { withInterrupt } from '../with-interrupt.js';

export const demoOutputFolder = 'retouch-demo-output';

export const demoHelp = `Usage: retouch demo [--json]

Starts the bundled emulator on a free loopback port and edits a sample image through both
built-in providers: an OpenAI-compatible edit confined by a mask, and a queue edit that waits
its turn in the queue. Results go to ./${demoOutputFolder}/. No account, no network.

Options:
      --json       Print one JSON document instead of the walkthrough
  -h, --help       Show this help`;

const assetsDir = fileURLToPath(new URL('../../assets/', import.meta.url));
export const sampleImagePath = join(assetsDir, 'sample.png');
export const sampleMaskPath = join(assetsDir, 'sample-mask.png');

/** The emulator accepts only this key during the demo, so the key really travels and is checked. */
const demoKey = 'retouch-demo-key';

export async function demoCommand(context: CliContext, args: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs('demo', args, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const);
  if (values.help) {
    await printOut(context, demoHelp);
    return exitCodes.ok;
  }
  const machine = values.json === true;
  const say = (text: string) => (machine ? Promise.resolve() : printOut(context, text));
  context.secrets.add(demoKey);
  keepLoopbackOffProxies(context.env);

  const outDir = resolve(context.cwd, demoOutputFolder);
  await mkdir(outDir, { recursive: true });
  const originalCopy = await placeOriginal(outDir);

  // A slow single worker, so the queue job visibly waits, starts and reports its steps. The
  // emulator (sharp, the OpenAPI validator) loads only for the commands that run it.
  const { startEmulator } = await import('retouch-emulator');
  const emulator = await startEmulator({
    port: 0,
    apiKey: demoKey,
    workers: 1,
    jobDurationMs: 700,
    log: () => {},
  });
  try {
    await say(`Retouch demo: emulator running at ${emulator.url} (loopback only, no account)\n`);
    const openai = createRegistry([
      (await loadPlugin('openai-compatible', context.cwd)).plugin,
    ]).createProvider('openai-compatible', { baseURL: `${emulator.url}/v1`, apiKey: demoKey });
    const queue = createRegistry([(await loadPlugin('queue', context.cwd)).plugin]).createProvider(
      'queue',
      {
        baseURL: `${emulator.url}/v1/queue`,
        apiKey: demoKey,
      },
    );

    const steps: DemoStep[] = [
      {
        title: '1/2 OpenAI-compatible edit with a mask (only the sky may change)',
        provider: openai,
        model: 'gpt-image-2',
        prompt: 'invert the colours of the sky',
        mask: sampleMaskPath,
        n: 1,
        folder: 'openai-compatible',
        endpoint: `${emulator.url}/v1`,
      },
      {
        title: '2/2 Queue edit: submit, wait in the queue, fetch two variants',
        provider: queue,
        model: 'gpt_image_1_edit',
        prompt: 'turn it into a grayscale pencil sketch',
        n: 2,
        folder: 'queue',
        endpoint: `${emulator.url}/v1/queue`,
      },
    ];
    const results: { step: DemoStep; outcome: EditOutcome<string> }[] = [];
    for (const step of steps) {
      await say(
        `${step.title}\n  provider ${step.provider.id} · model ${step.model} · prompt "${step.prompt}"`,
      );
      const outcome = await runStep(context, machine, step, originalCopy, outDir);
      results.push({ step, outcome });
    }

    if (machine) {
      await printOut(
        context,
        JSON.stringify({
          ok: true,
          outputDir: outDir,
          original: originalCopy,
          edits: results.map(({ step, outcome }) => ({
            provider: outcome.provider,
            model: outcome.model,
            prompt: step.prompt,
            mask: step.mask !== undefined,
            outputs: outputsJson(outcome),
            requestIds: outcome.requestIds,
            cost: outcome.cost,
          })),
        }),
      );
    } else {
      await say(
        `Done. Compare ${displayPath(originalCopy, context.cwd)} with the edits in ${displayPath(outDir, context.cwd)}/ (each records how it was made inside the image).

Next: point the same command at a real provider, with the key in the environment:
  OPENAI_API_KEY=… retouch edit photo.png --prompt "…"
  FAL_KEY=… retouch edit photo.png --provider queue --model fal-ai/flux-pro/kontext --prompt "…"`,
      );
    }
    return exitCodes.ok;
  } finally {
    await emulator.close();
  }
}

interface DemoStep {
  title: string;
  provider: ImageEditProvider;
  model: string;
  prompt: string;
  mask?: string;
  n: number;
  folder: string;
  endpoint: string;
}

async function runStep(
  context: CliContext,
  machine: boolean,
  step: DemoStep,
  original: string,
  outDir: string,
): Promise<EditOutcome<string>> {
  const live =
    !machine && context.stderr.isTTY
      ? new ProgressLine(context.stderr, step.provider.id)
      : undefined;
  let state: EditProgress = initialEditProgress;
  let lastLine = '';
  const onProgress = (event: SessionProgressEvent) => {
    state = reduceEditProgress(state, event);
    if (live) return live.update(event);
    // Without a live line, print each change of state once, so a log shows the queue moving.
    const line = describeEditProgress(state);
    if (
      !machine &&
      line !== lastLine &&
      !['partial-image', 'written', 'failed'].includes(event.type)
    ) {
      lastLine = line;
      void printOut(context, `  … ${line}`);
    }
  };
  const session = cliSession({ secrets: [...context.secrets] });
  // The model's published prices come with the plan, so the demo shows what the same edit
  // would cost for real.
  const plan = await session.plan({
    provider: step.provider,
    model: step.model,
    prompt: step.prompt,
    images: [original],
    ...(step.mask ? { mask: step.mask } : {}),
    options: { n: step.n },
    out: join(outDir, step.folder),
    endpoint: step.endpoint,
  });
  live?.start();
  const outcome = await withInterrupt(
    (signal) => session.edit(plan, { signal, onProgress }),
    () => live?.note('cancelling…'),
  ).finally(() => live?.stop());
  if (outcome.error) throw outcome.error;
  if (!machine) await printOut(context, `${formatOutcome(outcome, context.cwd, state)}\n`);
  return outcome;
}

/**
 * Copies the sample next to the results, for a side-by-side look, and edits that copy so the
 * records point at `../sample.png`. An existing copy is never overwritten; if it no longer matches
 * the shipped sample, the shipped one is edited instead.
 */
async function placeOriginal(outDir: string): Promise<string> {
  const copy = join(outDir, 'sample.png');
  await copyFile(sampleImagePath, copy, constants.COPYFILE_EXCL).catch(() => {});
  const [shipped, placed] = await Promise.all([
    hashFile(sampleImagePath),
    hashFile(copy).catch(() => ''),
  ]);
  return shipped === placed ? copy : sampleImagePath;
}

/** The demo talks to 127.0.0.1 only; a corporate HTTPS_PROXY must not see (or break) that traffic. */
function keepLoopbackOffProxies(env: NodeJS.ProcessEnv): void {
  const loopback = ['127.0.0.1', 'localhost', '::1'];
  for (const name of ['NO_PROXY', 'no_proxy'] as const) {
    const current =
      env[name]
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? [];
    env[name] = [...new Set([...current, ...loopback])].join(',');
  }
}
