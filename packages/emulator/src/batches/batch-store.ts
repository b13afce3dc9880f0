import { randomBytes } from 'node:crypto';
import type { EmulatorBatch } from './emulator-batch.js';
import { type BatchRunDeps, runBatch } from './run-batch.js';

/** The batches created so far, newest last, each run in the background as soon as it exists. */
export class BatchStore {
  readonly batches = new Map<string, EmulatorBatch>();
  #closed = new AbortController();
  #running = new Set<Promise<void>>();

  constructor(
    private readonly deps: Omit<BatchRunDeps, 'closed'>,
    private readonly log: (message: string) => void,
  ) {}

  create(fields: {
    endpoint: string;
    inputFileId: string;
    metadata: Record<string, string> | null;
  }): EmulatorBatch {
    const createdAt = Math.floor(Date.now() / 1000);
    const batch: EmulatorBatch = {
      id: `batch_${randomBytes(12).toString('hex')}`,
      ...fields,
      status: 'validating',
      createdAt,
      expiresAt: createdAt + Math.ceil(this.deps.windowMs / 1000),
      requestCounts: { total: 0, completed: 0, failed: 0 },
      cancelRequested: false,
    };
    this.batches.set(batch.id, batch);
    const run = runBatch(batch, { ...this.deps, closed: this.#closed.signal })
      .catch((error: unknown) => {
        this.log(
          `[retouch-emulator] batch ${batch.id} failed: ${String((error as Error)?.stack ?? error)}`,
        );
        batch.status = 'failed';
        batch.failedAt = Math.floor(Date.now() / 1000);
        batch.errors = [
          { code: 'server_error', message: 'The batch failed.', param: null, line: null },
        ];
      })
      .finally(() => this.#running.delete(run));
    this.#running.add(run);
    return batch;
  }

  get(id: string): EmulatorBatch | undefined {
    return this.batches.get(id);
  }

  /** Newest first, as `GET /v1/batches` lists them. */
  newestFirst(): EmulatorBatch[] {
    return [...this.batches.values()].reverse();
  }

  /** Stops every running batch where it is and forgets them all. */
  reset(): void {
    this.#closed.abort();
    this.#closed = new AbortController();
    this.batches.clear();
  }

  close(): void {
    this.#closed.abort();
  }
}
