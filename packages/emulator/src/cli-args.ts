import { parseArgs } from 'node:util';
import { type FaultRule, parseFaultRules } from './faults/fault-rule.js';
import { type EmulatorOptions, parseDurationMs } from './start-emulator.js';

export const USAGE = `Usage: retouch-emulator [options]

  --port <n>              port to bind (default 0: a free port)
  --host <addr>           interface to bind (default 127.0.0.1)
  --latency-ms <n>        delay added to every API answer (default 0)
  --workers <n>           queue jobs processed at once (default 2)
  --job-duration-ms <n>   simulated duration of a queue job (default 300)
  --max-body-bytes <n>    largest accepted request body (default 104857600)
  --key <key>             accepted API key (repeatable); none: accept any request
  --fault <json>          a fault rule or an array of rules (repeatable)
  --sign                  sign output images with a C2PA-style manifest, as OpenAI does
  --batch-window <dur>    real time standing for the Batch API's 24 h window, e.g. 10s
                          (default 24h): batches run in about a quarter of it, expire past it
  --batch-fail-line <n|id>  a batch line that fails (line number or custom_id; repeatable)
  --no-admin              disable the /__admin endpoints
  -h, --help              show this help

Environment: RETOUCH_EMULATOR_KEY (a key), RETOUCH_EMULATOR_FAULTS (JSON fault rules),
RETOUCH_EMULATOR_SIGN=1 (as --sign). A fault rule {"route":"images.edits","sign":true} signs
only the requests it matches, and can be set through /__admin/faults too.
RETOUCH_EMULATOR_BATCH_WINDOW (as --batch-window).`;

export type CliCommand = { help: true } | { help: false; options: EmulatorOptions };

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

/** Parses the command line (and RETOUCH_EMULATOR_KEY) into emulator options. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'latency-ms': { type: 'string' },
      workers: { type: 'string' },
      'job-duration-ms': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      key: { type: 'string', multiple: true },
      fault: { type: 'string', multiple: true },
      'batch-window': { type: 'string' },
      'batch-fail-line': { type: 'string', multiple: true },
      'no-admin': { type: 'boolean' },
      sign: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const faults: FaultRule[] = [];
  for (const text of values.fault ?? []) {
    try {
      faults.push(...parseFaultRules(text));
    } catch (error) {
      throw new Error(`--fault is not valid: ${(error as Error).message}`);
    }
  }
  const keys = [
    ...(values.key ?? []),
    ...(env.RETOUCH_EMULATOR_KEY ? [env.RETOUCH_EMULATOR_KEY] : []),
  ];
  const options: EmulatorOptions = {
    port: count('port', values.port) ?? 0,
    host: values.host ?? '127.0.0.1',
    faults,
  };
  const latencyMs = count('latency-ms', values['latency-ms']);
  const workers = count('workers', values.workers);
  const jobDurationMs = count('job-duration-ms', values['job-duration-ms']);
  const maxBodyBytes = count('max-body-bytes', values['max-body-bytes']);
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  if (workers !== undefined) options.workers = workers;
  if (jobDurationMs !== undefined) options.jobDurationMs = jobDurationMs;
  if (maxBodyBytes !== undefined) options.maxBodyBytes = maxBodyBytes;
  if (keys.length > 0) options.apiKey = keys;
  if (values['no-admin']) options.admin = false;
  if (values.sign || env.RETOUCH_EMULATOR_SIGN === '1') options.signOutputs = true;
  if (values['batch-window'] !== undefined) {
    try {
      options.batchWindowMs = parseDurationMs(values['batch-window']);
    } catch (error) {
      throw new Error(`--batch-window: ${(error as Error).message}`);
    }
  }
  if (values['batch-fail-line']) {
    options.batchFailLines = values['batch-fail-line'].map((line) =>
      /^\d+$/.test(line) ? Number(line) : line,
    );
  }
  return { help: false, options };
}
