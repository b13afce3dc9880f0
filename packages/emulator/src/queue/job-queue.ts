import { EventEmitter } from 'node:events';
import { type Job, type JobOutcome, jobLog } from './job.js';

export interface JobQueueOptions {
  workers: number;
  jobDurationMs: number;
  /** Does the job's work; the queue makes it last at least `jobDurationMs`. */
  run: (job: Job) => Promise<JobOutcome>;
}

export type CancelOutcome = 'cancelled' | 'running' | 'completed' | 'missing';

/** A FIFO queue with a fixed number of workers; it announces every change of every job. */
export class JobQueue {
  readonly jobs = new Map<string, Job>();
  /** Submits by `Idempotency-Key`: the job each key created and a digest of the body it came with. */
  #byKey = new Map<string, { jobId: string; digest: string }>();
  #pending: Job[] = [];
  #running = 0;
  #events = new EventEmitter();
  #timers = new Set<NodeJS.Timeout>();
  #generation = 0;

  constructor(private readonly options: JobQueueOptions) {
    this.#events.setMaxListeners(0);
  }

  submit(job: Job): void {
    this.jobs.set(job.id, job);
    this.#pending.push(job);
    this.#changed(job);
    queueMicrotask(() => this.#pump());
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Remembers which job a submit's idempotency key created. */
  rememberKey(key: string, job: Job, digest: string): void {
    this.#byKey.set(key, { jobId: job.id, digest });
  }

  /** The job an earlier submit with `key` created, if it still exists, with its body's digest. */
  byKey(key: string): { job: Job; digest: string } | undefined {
    const entry = this.#byKey.get(key);
    const job = entry && this.jobs.get(entry.jobId);
    return entry && job ? { job, digest: entry.digest } : undefined;
  }

  /** 0-based position among waiting jobs, or undefined once it left the queue. */
  position(job: Job): number | undefined {
    const index = this.#pending.indexOf(job);
    return index < 0 ? undefined : index;
  }

  cancel(id: string): CancelOutcome {
    const job = this.jobs.get(id);
    if (!job) return 'missing';
    if (job.status === 'IN_PROGRESS') return 'running';
    if (job.status === 'COMPLETED') return 'completed';
    this.#pending = this.#pending.filter((j) => j !== job);
    job.cancelled = true;
    job.logs.push(jobLog('Request cancelled by the client', 'ERROR'));
    this.#complete(job, {
      failure: {
        httpStatus: 400,
        detail: 'Request was cancelled',
        error: 'Request was cancelled',
        errorType: 'request_cancelled',
      },
    });
    for (const waiting of this.#pending) this.#changed(waiting);
    return 'cancelled';
  }

  /** Calls `listener` on each change of the job (and when it vanishes); returns an unsubscribe. */
  watch(id: string, listener: (job: Job) => void): () => void {
    const handler = (job: Job) => {
      if (job.id === id) listener(job);
    };
    this.#events.on('change', handler);
    return () => this.#events.off('change', handler);
  }

  reset(): void {
    this.#generation += 1;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#pending = [];
    this.#running = 0;
    this.jobs.clear();
    this.#byKey.clear();
  }

  close(): void {
    this.reset();
    this.#events.removeAllListeners();
  }

  #changed(job: Job): void {
    this.#events.emit('change', job);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  #pump(): void {
    while (this.#running < this.options.workers && this.#pending.length > 0) {
      const job = this.#pending.shift()!;
      for (const waiting of this.#pending) this.#changed(waiting);
      if (job.fault === 'vanish') {
        job.vanished = true;
        this.jobs.delete(job.id);
        this.#changed(job);
        continue;
      }
      job.status = 'IN_PROGRESS';
      job.startedAt = Date.now();
      job.logs.push(jobLog(`Starting request ${job.id} on ${job.model}`));
      this.#changed(job);
      if (job.fault === 'stall') continue;
      this.#running += 1;
      void this.#work(job, this.#generation);
    }
  }

  async #work(job: Job, generation: number): Promise<void> {
    const half = this.#sleep(this.options.jobDurationMs / 2).then(() => {
      if (generation !== this.#generation || job.status !== 'IN_PROGRESS') return;
      job.logs.push(jobLog('Editing image'));
      this.#changed(job);
    });
    const [outcome] = await Promise.all([
      job.fault === 'fail'
        ? Promise.resolve<JobOutcome>({
            failure: {
              httpStatus: 500,
              detail: 'Internal Server Error',
              error: 'The job failed (injected fault)',
              errorType: 'internal_error',
            },
          })
        : this.options.run(job).catch(
            (error: unknown): JobOutcome => ({
              failure: {
                httpStatus: 500,
                detail: 'Internal Server Error',
                error: error instanceof Error ? error.message : String(error),
                errorType: 'internal_error',
              },
            }),
          ),
      this.#sleep(this.options.jobDurationMs),
      half,
    ]);
    if (generation !== this.#generation) return;
    this.#running -= 1;
    job.logs.push(
      outcome.failure ? jobLog(outcome.failure.error, 'ERROR') : jobLog('Request completed'),
    );
    this.#complete(job, outcome);
    this.#pump();
  }

  #complete(job: Job, outcome: JobOutcome): void {
    job.status = 'COMPLETED';
    job.completedAt = Date.now();
    job.outcome = outcome;
    this.#changed(job);
  }
}
