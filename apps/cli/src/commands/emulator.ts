import type { FaultRule } from 'retouch-emulator';
import { parseCommandArgs, usageError } from '../args/parse-command-args.js';
import { parseInteger } from '../args/parse-values.js';
import { type CliContext, printErr, printOut } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';

export const emulatorHelp = `Usage: retouch emulator [--port <n>] [options]

Runs retouch-emulator: a local server that speaks OpenAI's /v1/images/edits and a fal-style
queue API and really edits images (prompt words: grayscale, invert, blur, sepia, "remove
background"; anything else tints). No account, no network beyond this machine.

Options:
      --port <n>              Port (default 0: any free port)
      --host <addr>           Interface (default 127.0.0.1)
      --latency-ms <n>        Delay added to every answer
      --workers <n>           Queue jobs run at once (default 2)
      --job-duration-ms <n>   Simulated duration of a queue job (default 300)
      --fault <json>          A fault rule to inject, e.g. '{"route":"images.edits","status":429}'
      --sign                  Sign output images with a C2PA-style manifest, as OpenAI does
                              (or RETOUCH_EMULATOR_SIGN=1, or the fault rule {"sign":true})
      --json                  Print the URLs as JSON
  -h, --help                  Show this help

Any key is accepted unless RETOUCH_EMULATOR_KEY is set. Ctrl-C stops it.`;

const emulatorOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  'latency-ms': { type: 'string' },
  workers: { type: 'string' },
  'job-duration-ms': { type: 'string' },
  fault: { type: 'string', multiple: true },
  sign: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function emulatorCommand(
  context: CliContext,
  args: readonly string[],
): Promise<number> {
  const { values } = parseCommandArgs('emulator', args, emulatorOptions);
  if (values.help) {
    await printOut(context, emulatorHelp);
    return exitCodes.ok;
  }
  // The emulator (sharp, the OpenAPI validator) loads only for the commands that run it.
  const { parseFaultRules, startEmulator } = await import('retouch-emulator');
  const faults: FaultRule[] = [];
  for (const text of values.fault ?? []) {
    try {
      faults.push(...parseFaultRules(text));
    } catch (error) {
      throw usageError(
        'emulator',
        `--fault is not a valid rule: ${(error as Error).message}`,
        '--fault',
      );
    }
  }
  const optional = (flag: 'latency-ms' | 'workers' | 'job-duration-ms', min: number) =>
    values[flag] === undefined
      ? undefined
      : parseInteger('emulator', `--${flag}`, values[flag], min, 3_600_000);
  const emulator = await startEmulator({
    port:
      values.port === undefined ? 0 : parseInteger('emulator', '--port', values.port, 0, 65_535),
    host: values.host ?? '127.0.0.1',
    latencyMs: optional('latency-ms', 0),
    workers: optional('workers', 1),
    jobDurationMs: optional('job-duration-ms', 0),
    faults,
    signOutputs: values.sign === true || context.env.RETOUCH_EMULATOR_SIGN === '1',
    apiKey: context.env.RETOUCH_EMULATOR_KEY || undefined,
    log: (message) => {
      if (!context.machine) void printErr(context, message);
    },
  });
  const urls = {
    url: emulator.url,
    openaiBaseURL: `${emulator.url}/v1`,
    queueBaseURL: `${emulator.url}/v1/queue`,
    googleBaseURL: `${emulator.url}/v1beta`,
  };
  if (context.machine) {
    await printOut(context, JSON.stringify(urls));
  } else {
    await printOut(
      context,
      `retouch-emulator listening on ${emulator.url}

  OpenAI-compatible base URL  ${urls.openaiBaseURL}
  Queue base URL              ${urls.queueBaseURL}
  Google (Gemini) base URL    ${urls.googleBaseURL}

Try, in another terminal:
  RETOUCH_BASE_URL=${urls.openaiBaseURL} OPENAI_API_KEY=any retouch edit photo.png --prompt "sepia"
  RETOUCH_BASE_URL=${urls.queueBaseURL} FAL_KEY=any retouch edit photo.png --provider queue --prompt "blur"
  RETOUCH_BASE_URL=${urls.googleBaseURL} GEMINI_API_KEY=any retouch edit photo.png --provider google --prompt "invert"

Press Ctrl-C to stop.`,
    );
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return exitCodes.ok;
}
