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
  /** Sign every output image (see `EmulatorOptions.signOutputs`). */
  signOutputs?: boolean;
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
  /**
   * For an image edit that was understood: the multipart parts in arrival order (files by name),
   * and how marks reached the edit, so a test can tell a markup layer from flattened marks.
   */
  edit?: {
    model: string;
    parts?: string[];
    /** SHA-256 of each file part as it arrived, by part name, in order. */
    files?: Array<{ name: string; sha256: string }>;
    markup?: { delivery: string; markedPixels: number; regionPixels: number };
    signed?: boolean;
    /** SHA-256 of each output image exactly as sent, so a client can prove it kept the bytes. */
    outputs?: string[];
  };
}

export interface EmulatorState {
  config: EmulatorConfig;
  faults: FaultSet;
  queue: JobQueue;
  files: FileStore;
  /** fal storage upload URLs handed out and not used yet, by token. */
  uploads: Map<string, PendingUpload>;
  /** The Files API's uploads and batch outputs (`/v1/files`). */
  openAiFiles: OpenAiFiles;
  batches: BatchStore;
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
