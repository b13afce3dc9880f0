import { describe, expect, it } from 'vitest';
import type { Job } from './job.js';
import { JobQueue } from './job-queue.js';

const job = (id: string): Job => ({
  id,
  model: 'm',
  input: {},
  status: 'IN_QUEUE',
  logs: [],
  submittedAt: Date.now(),
  cancelled: false,
  vanished: false,
  urlBase: '/v1/queue/m',
  style: 'v1',
});

describe('JobQueue', () => {
  it('runs FIFO on its workers, announces changes, and completes promptly', async () => {
    const queue = new JobQueue({ workers: 1, jobDurationMs: 40, run: async () => ({ seed: 1 }) });
    const a = job('a');
    const b = job('b');
    const seen: string[] = [];
    queue.watch('b', (j) => seen.push(`${j.status}:${queue.position(j) ?? '-'}`));
    queue.submit(a);
    queue.submit(b);
    await new Promise((r) => setTimeout(r, 5));
    expect(a.status).toBe('IN_PROGRESS');
    expect(queue.position(b)).toBe(0);
    const done = new Promise<number>((resolve) =>
      queue.watch('b', (j) => j.status === 'COMPLETED' && resolve(Date.now())),
    );
    const finished = await done;
    expect(finished - (b.startedAt ?? 0)).toBeLessThan(300);
    expect(seen[0]).toBe('IN_QUEUE:1');
    expect(seen).toContain('IN_PROGRESS:-');
    expect(seen.at(-1)).toBe('COMPLETED:-');
    queue.close();
  });

  it('cancels only waiting jobs and reports failures of the work', async () => {
    const queue = new JobQueue({
      workers: 1,
      jobDurationMs: 10,
      run: async () => {
        throw new Error('boom');
      },
    });
    const a = job('a');
    const b = job('b');
    queue.submit(a);
    queue.submit(b);
    await new Promise((r) => setTimeout(r, 1));
    expect(queue.cancel('a')).toBe('running');
    expect(queue.cancel('b')).toBe('cancelled');
    expect(queue.cancel('b')).toBe('completed');
    expect(queue.cancel('zzz')).toBe('missing');
    await new Promise((r) => setTimeout(r, 40));
    expect(a.outcome?.failure).toMatchObject({ httpStatus: 500, error: 'boom' });
    queue.close();
  });
});
