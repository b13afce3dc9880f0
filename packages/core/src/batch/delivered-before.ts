import { createHash } from 'node:crypto';
import type { EachItem, EditEachRequest } from './batch-types.js';

/** What the app found already written for `item`, when a crashed run left it unjournaled. */
export async function deliveredBefore(
  request: Pick<EditEachRequest, 'fresh' | 'findDelivered'>,
  item: EachItem,
): Promise<string[] | undefined> {
  if (request.fresh === true || !request.findDelivered) return undefined;
  const found = await request.findDelivered(item).catch(() => []);
  return found.length > 0 ? [...found] : undefined;
}

/**
 * The base of an item's idempotency keys: the same for the same batch, item and content from run
 * to run, and different when any of them changes (a changed input is a new edit).
 */
export function itemIdempotencyKey(batchId: string, item: EachItem): string {
  const digest = createHash('sha256')
    .update(`${batchId}\0${item.key}\0${item.contentHash ?? ''}`)
    .digest('hex');
  return `retouch-${digest.slice(0, 40)}`;
}
