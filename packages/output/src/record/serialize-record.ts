import { redactSecrets } from '@retouch/core/http';
import type { EditRecord } from './edit-record.js';

/** Provider usage details bigger than this are left out: they are the server's, and unbounded. */
const maxUsageDetailsChars = 4096;

/**
 * The record as JSON text. Provider-echoed usage details are kept only when small, and every
 * known secret is scrubbed as a last line of defence: nothing that goes in should hold one, but a
 * provider's echoed metadata is not ours to trust.
 */
export function serializeRecord(
  record: EditRecord,
  secrets: readonly string[],
  indent?: number,
): string {
  let usage = record.usage;
  if (usage?.details && JSON.stringify(usage.details).length > maxUsageDetailsChars) {
    const { details: _dropped, ...counts } = usage;
    usage = counts;
  }
  const text = JSON.stringify({ ...record, ...(usage ? { usage } : {}) }, null, indent);
  return redactSecrets(text, secrets);
}
