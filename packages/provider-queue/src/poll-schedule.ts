import { setTimeout as delay } from 'node:timers/promises';
import { errorFromAbortSignal, type JobStatus } from '@retouch/core/provider';
import type { QueueConfig } from './queue-config.js';

/** What a status check said, as the planner needs it. */
export interface PollObservation {
  status: JobStatus;
  /** A wait the server asked for with its answer (`Retry-After` on a 202). */
  retryAfterMs?: number;
}

export interface PollPlanner {
  /** How long to wait before the next status check; `last` is what the previous one said. */
  next(last?: PollObservation): number;
  /** How long the job was seen running, once a check found it completed. */
  observedRunMs(): number | undefined;
}

export interface PollPlannerOptions {
  /** How long this model's jobs have recently run; unknown for the first job of a model. */
  expectedRunMs?: number;
  /** How long ago the job was submitted (0 right after submit; more when resumed or re-watched). */
  submittedAgoMs?: number;
  now?: () => number;
  random?: () => number;
}

/** Longest server-requested wait between checks that is honoured. */
const maxHintMs = 60_000;

/**
 * When to check a job's status again. The first check comes almost at once (short jobs finish
 * in well under a second). Without a run time to go by, checks then follow the job's age: soon
 * while it is young, every `intervalMs` after that, and up to `maxMs` apart for long jobs, further
 * apart the more jobs wait ahead in the queue. Once the model's usual run time is known, a running
 * job is checked right when it should finish, then at short, growing intervals while it is late;
 * so a finished job is picked up soon after, with few requests. A wait the server asks for wins.
 */
export function createPollPlanner(
  poll: QueueConfig['poll'],
  options: PollPlannerOptions = {},
): PollPlanner {
  const now = options.now ?? (() => performance.now());
  const random = options.random ?? Math.random;
  const expected = poll.learn ? options.expectedRunMs : undefined;
  const started = now() - Math.max(0, options.submittedAgoMs ?? 0);
  let lastCheck = started;
  /** When the job started running (a midpoint estimate), and how wide the estimate's window was. */
  let runningSince: number | undefined;
  let runningWindow = 0;
  let completedAt: number | undefined;
  let late = 0;
  /** Only a short window places the start well enough for a run time of `runMs`. */
  const placedFor = (runMs: number) => runningWindow <= Math.max(4 * poll.initialMs, runMs / 4);

  const jittered = (ms: number) =>
    Math.max(0, Math.round(ms + ms * poll.jitter * (2 * random() - 1)));
  /** The blind schedule: at most 4× the job's age, at least `intervalMs` (or age/8) up to `maxMs`. */
  const byAge = (age: number) => {
    const ceiling = Math.min(poll.maxMs, Math.max(poll.intervalMs, age / 8));
    return Math.min(ceiling, Math.max(poll.initialMs, age * 4, 10));
  };

  return {
    next(last) {
      if (!last) return jittered(poll.initialMs);
      const at = now();
      // The job started running somewhere between the previous check (or its submit) and this
      // one: not placed at all for a job that was already running when a resumed watch looked.
      if (last.status.state === 'running' && runningSince === undefined) {
        runningWindow = at - lastCheck;
        runningSince = lastCheck + runningWindow / 2;
      }
      lastCheck = at;
      if (last.status.state === 'completed') {
        completedAt = at;
        return 0;
      }
      if (last.retryAfterMs !== undefined)
        return Math.min(Math.max(0, last.retryAfterMs), maxHintMs);
      const age = at - started;
      if (last.status.state === 'queued') {
        const ahead = last.status.position ?? 0;
        return jittered(Math.min(poll.maxMs, byAge(age) * (1 + ahead)));
      }
      if (expected === undefined || runningSince === undefined || !placedFor(expected)) {
        return jittered(byAge(age));
      }
      const step = Math.min(poll.intervalMs, Math.max(50, expected / 20));
      const untilDue = runningSince + expected - at;
      if (untilDue > step) return Math.round(untilDue);
      // Late: check again soon, then less and less often, in case this job runs long.
      return Math.round(Math.min(poll.maxMs, step * poll.factor ** late++));
    },
    observedRunMs() {
      if (runningSince === undefined || completedAt === undefined) return undefined;
      const ran = completedAt - runningSince;
      return placedFor(ran) ? ran : undefined;
    },
  };
}

/** Waits `ms`, or rejects with the RetouchError the aborted signal stands for. */
export async function waitOrAbort(
  ms: number,
  signal: AbortSignal,
  provider: string,
): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
    throw errorFromAbortSignal(signal, provider);
  }
}
