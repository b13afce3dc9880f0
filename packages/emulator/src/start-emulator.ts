import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { BatchStore } from './batches/batch-store.js';
import type { EmulatorBatch } from './batches/emulator-batch.js';
import { OpenAiFiles } from './batches/openai-files.js';
import { type FaultRule, parseFaultRules } from './faults/fault-rule.js';
import { FaultSet } from './faults/fault-set.js';
import { specValidator } from './openapi/spec-validator.js';
import type { Job } from './queue/job.js';
import { JobQueue } from './queue/job-queue.js';
import { answerBatchLine } from './server/answer-batch-line.js';
import type { EmulatorState, RecordedRequest } from './server/emulator-state.js';
import { FileStore } from './server/file-store.js';
import { handleRequest } from './server/handle-request.js';
import { isLoopbackHost } from './server/resolve-image-ref.js';
import { runQueueJob } from './server/run-queue-job.js';

export interface EmulatorOptions {
  /** Port to bind; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Added before every API answer (not admin or file downloads). Default 0. */
  latencyMs?: number;
  /** Queue jobs processed at once. Default 2. */
  workers?: number;
  /** Accepted keys; unset accepts any request. */
  apiKey?: string | string[];
  /** Largest request body; bigger answers 413. Default 100 MiB. */
  maxBodyBytes?: number;
  /** Simulated duration of each queue job. Default 300 ms. */
  jobDurationMs?: number;
  /** Fault rules active from the start (added after RETOUCH_EMULATOR_FAULTS). */
  faults?: FaultRule[];
  /** Enables `/__admin/*`; default: on when `host` is loopback. */
  admin?: boolean;
  /**
   * Sign every output image with a C2PA-style manifest (a `caBX` chunk in PNG, APP11 JUMBF in
   * JPEG, a `C2PA` chunk in WebP), as OpenAI signs its results. Default off; a fault rule with
   * `sign: true` signs only the requests it matches.
   */
  signOutputs?: boolean;
  /** Models `GET /v1/models` lists besides the built-in ones (same id: replaces it). */
  models?: Array<{ id: string } & Record<string, unknown>>;
  /**
   * `ignore` makes `/v1/images/edits` decode inputs as stored, like services that drop the EXIF
   * orientation tag (a turned phone photo comes back sideways). Default `apply`.
   */
  exifOrientation?: 'apply' | 'ignore';
  /**
   * Real time that stands for the Batch API's 24 h completion window (default 24 h): a batch runs
   * in about a quarter of it and expires past it. Also RETOUCH_EMULATOR_BATCH_WINDOW (e.g. `10s`).
   */
  batchWindowMs?: number;
  /** Batch lines that fail (a moderation refusal): 1-based line numbers or custom ids. */
  batchFailLines?: Array<number | string>;
  /** Receives the emulator's own notices, such as an internal error. Default: console.error. */
  log?: (message: string) => void;
}

export interface Emulator {
  /** Origin such as `http://127.0.0.1:53124`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every API request received, in order, headers intact. */
  readonly requests: RecordedRequest[];
  /** Queue jobs by id. */
  readonly jobs: ReadonlyMap<string, Job>;
  /** Batches (`POST /v1/batches`) by id, in the order they were created. */
  readonly batches: ReadonlyMap<string, EmulatorBatch>;
  setFaults(rules: FaultRule[]): void;
  addFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  /** Clears faults, the request log, jobs and served files. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  latencyMs: 0,
  workers: 2,
  maxBodyBytes: 100 * 1024 * 1024,
  jobDurationMs: 300,
  batchWindowMs: 24 * 3600 * 1000,
} as const;

/** `90s`, `500ms`, `2m`, `24h`, or a number of milliseconds. */
export function parseDurationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration such as 500ms, 10s, 2m or 24h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms']!;
  return Math.round(Number(match[1]) * unit);
}

function envBatchWindow(): number | undefined {
  const text = process.env.RETOUCH_EMULATOR_BATCH_WINDOW;
  if (!text?.trim()) return undefined;
  try {
    return parseDurationMs(text);
  } catch (error) {
    throw new Error(`RETOUCH_EMULATOR_BATCH_WINDOW is not valid: ${(error as Error).message}`);
  }
}

function envFaults(): FaultRule[] {
  const text = process.env.RETOUCH_EMULATOR_FAULTS;
  if (!text?.trim()) return [];
  try {
    return parseFaultRules(text);
  } catch (error) {
    throw new Error(`RETOUCH_EMULATOR_FAULTS is not valid: ${(error as Error).message}`);
  }
}

/** Starts the emulator on loopback and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? DEFAULTS.host;
  const log = options.log ?? ((message: string) => console.error(message));
  // Compiled before listening, so the first request does not pay for it.
  specValidator();
  const files = new FileStore();
  const openAiFiles = new OpenAiFiles();
  const keys = options.apiKey === undefined ? [] : [options.apiKey].flat().filter(Boolean);
  let origin = '';
  const state: EmulatorState = {
    config: {
      latencyMs: options.latencyMs ?? DEFAULTS.latencyMs,
      workers: Math.max(1, options.workers ?? DEFAULTS.workers),
      apiKeys: keys,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
      jobDurationMs: options.jobDurationMs ?? DEFAULTS.jobDurationMs,
      admin: options.admin ?? isLoopbackHost(host),
      models: options.models ?? [],
      signOutputs: options.signOutputs ?? process.env.RETOUCH_EMULATOR_SIGN === '1',
      exifOrientation: options.exifOrientation ?? 'apply',
    },
    faults: new FaultSet([...envFaults(), ...(options.faults ?? [])]),
    queue: new JobQueue({
      workers: Math.max(1, options.workers ?? DEFAULTS.workers),
      jobDurationMs: options.jobDurationMs ?? DEFAULTS.jobDurationMs,
      run: (job) => runQueueJob(job, files),
    }),
    files,
    uploads: new Map(),
    openAiFiles,
    batches: new BatchStore(
      {
        files: openAiFiles,
        answer: (body) => answerBatchLine(state, body),
        windowMs: Math.max(1, options.batchWindowMs ?? envBatchWindow() ?? DEFAULTS.batchWindowMs),
        failLines: options.batchFailLines ?? [],
      },
      log,
    ),
    requests: [],
    log,
    fallbackOrigin: () => origin,
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      log(`[retouch-emulator] unhandled: ${String((error as Error)?.stack ?? error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: 'internal emulator error',
            type: 'server_error',
            param: null,
            code: null,
          },
        }),
      );
    });
  });
  server.requestTimeout = 0;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port,
    requests: state.requests,
    jobs: state.queue.jobs,
    batches: state.batches.batches,
    setFaults: (rules) => state.faults.set(rules),
    addFaults: (rules) => state.faults.add(rules),
    clearFaults: () => state.faults.clear(),
    reset() {
      state.faults.clear();
      state.requests.length = 0;
      state.queue.reset();
      files.clear();
      state.uploads.clear();
      openAiFiles.clear();
      state.batches.reset();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        state.queue.close();
        state.batches.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
