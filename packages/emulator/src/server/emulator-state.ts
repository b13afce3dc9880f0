import type { IncomingHttpHeaders } from 'node:http';
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
  /** Whether edits honour a JPEG's EXIF orientation tag (default) or, like some services, ignore it. */
  exifOrientation: 'apply' | 'ignore';
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
  /** fal storage upload URLs handed out and not used yet, by token. */
  uploads: Map<string, PendingUpload>;
  requests: RecordedRequest[];
  /** Where the emulator's own notices go (startEmulator's `log`). */
  log: (message: string) => void;
  /** Origin to fall back on when a request's Host header is unusable. */
  fallbackOrigin: () => string;
}

/** An upload URL handed out by `initiate` and not used yet. */
export interface PendingUpload {
  fileId: string;
  contentType: string;
}
