import type { IncomingHttpHeaders } from 'node:http';
import type { BatchStore } from '../batches/batch-store.js';
import type { OpenAiFiles } from '../batches/openai-files.js';
import type { RouteName } from '../faults/fault-rule.js';
import type { FaultSet } from '../faults/fault-set.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { FileStore } from './file-store.js';

export interface EmulatorConfig {
  latencyMs: number;
  workers: number;
  apiKeys: string[];
  maxBodyBytes: number;
  jobDurationMs: number;
  admin: boolean;
  /** Added to (or replacing, by id) the built-in list of `GET /v1/models`. */
  models?: Array<{ id: string } & Record<string, unknown>>;
}

/** One request as it arrived, headers (and so keys) intact, for tests to inspect. */
export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  route: RouteName | 'unknown';
  headers: IncomingHttpHeaders;
  timestamp: string;
  status?: number;
  requestId: string;
}

export interface EmulatorState {
  config: EmulatorConfig;
  faults: FaultSet;
  queue: JobQueue;
  files: FileStore;
  /** The Files API's uploads and batch outputs (`/v1/files`). */
  openAiFiles: OpenAiFiles;
  batches: BatchStore;
  requests: RecordedRequest[];
  /** Where the emulator's own notices go (startEmulator's `log`). */
  log: (message: string) => void;
  /** Origin to fall back on when a request's Host header is unusable. */
  fallbackOrigin: () => string;
}
