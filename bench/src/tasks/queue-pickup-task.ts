import type { QueueEditClient } from '../clients/queue-edit-client.js';

export interface QueuePickupJob {
  /** From the emulator marking the job COMPLETED to the edited image's bytes in this process. */
  pickupMs: number;
  /** Every API request the emulator logged for the job: submit, status, stream, result, download. */
  requests: number;
  routes: Record<string, number>;
}

interface AdminJobs {
  jobs: Array<{ completed_at: number | null }>;
}
interface AdminRequests {
  requests: Array<{ route: string }>;
}

async function admin<T>(url: string, method: string, path: string): Promise<T> {
  const response = await fetch(`${url}/__admin${path}`, { method });
  if (!response.ok) throw new Error(`admin ${method} ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * One job on each emulator in turn, each reset first, so its job list and request log hold exactly
 * this job. The first emulator also runs an uncounted warm-up job (modules, connections). Both
 * clocks are this machine's Date.now().
 */
export async function runQueuePickup(
  clientFor: (emulatorUrl: string) => QueueEditClient,
  emulatorUrls: readonly string[],
  small: string,
): Promise<QueuePickupJob[]> {
  const results: QueuePickupJob[] = [];
  const plan = [emulatorUrls[0]!, ...emulatorUrls];
  for (const [index, url] of plan.entries()) {
    const edit = clientFor(url);
    await admin(url, 'POST', '/reset');
    const image = await edit({ path: small, prompt: 'tint' });
    const inHand = Date.now();
    if (image.byteLength === 0) throw new Error('empty result');
    const [{ jobs }, { requests }] = await Promise.all([
      admin<AdminJobs>(url, 'GET', '/jobs'),
      admin<AdminRequests>(url, 'GET', '/requests'),
    ]);
    const completedAt = jobs[0]?.completed_at;
    if (jobs.length !== 1 || typeof completedAt !== 'number') {
      throw new Error(`expected one completed job, found ${JSON.stringify(jobs)}`);
    }
    const routes: Record<string, number> = {};
    for (const request of requests) routes[request.route] = (routes[request.route] ?? 0) + 1;
    if (index > 0)
      results.push({ pickupMs: inHand - completedAt, requests: requests.length, routes });
  }
  return results;
}
