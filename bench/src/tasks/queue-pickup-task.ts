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
 * One job at a time, the emulator reset before each, so its job list and request log hold exactly
 * this job. Both clocks are this machine's Date.now().
 */
export async function runQueuePickup(
  edit: QueueEditClient,
  emulatorUrl: string,
  small: string,
  jobs: number,
): Promise<QueuePickupJob[]> {
  const results: QueuePickupJob[] = [];
  // The first job warms modules and connections and is not counted.
  for (let i = 0; i <= jobs; i++) {
    await admin(emulatorUrl, 'POST', '/reset');
    const image = await edit({ path: small, prompt: 'tint' });
    const inHand = Date.now();
    if (image.byteLength === 0) throw new Error('empty result');
    const [{ jobs: list }, { requests }] = await Promise.all([
      admin<AdminJobs>(emulatorUrl, 'GET', '/jobs'),
      admin<AdminRequests>(emulatorUrl, 'GET', '/requests'),
    ]);
    const completedAt = list[0]?.completed_at;
    if (list.length !== 1 || typeof completedAt !== 'number') {
      throw new Error(`expected one completed job, found ${JSON.stringify(list)}`);
    }
    const routes: Record<string, number> = {};
    for (const request of requests) routes[request.route] = (routes[request.route] ?? 0) + 1;
    if (i > 0) results.push({ pickupMs: inHand - completedAt, requests: requests.length, routes });
  }
  return results;
}
