import { RetouchError } from '@retouch/core';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import type { Delivery } from './deliver-results.js';

/**
 * The `output` error for a delivery in which some result did not reach the folder asked for:
 * it names the folder, why it failed, and where each such result is instead (or that it could
 * be saved nowhere). Undefined when every result is where it was asked to go.
 */
export function deliveryError<Location>(
  fs: OutputFileSystem<Location>,
  delivery: Delivery<Location>,
  details: { provider?: string; requestId?: string } = {},
): RetouchError | undefined {
  const rescued = delivery.outputs.filter((output) => output.rescued);
  if (rescued.length === 0 && delivery.lost.length === 0) return undefined;
  const folder = fs.display(delivery.folder);
  const total = delivery.outputs.length + delivery.lost.length;
  const reason = rescued[0]?.failure ?? delivery.lost[0]?.failure ?? 'unknown reason';
  const lines = [
    `The ${total === 1 ? 'result' : `${rescued.length + delivery.lost.length} of ${total} results`} could not be written to ${folder}: ${reason}.`,
  ];
  for (const output of rescued) {
    lines.push(`Saved instead at ${fs.display(output.location)}; move it where you want it.`);
  }
  for (const lost of delivery.lost) {
    lines.push(
      `Result ${lost.index + 1} could not be saved anywhere${lost.rescueFailure ? ` (the fallback folder failed too: ${lost.rescueFailure})` : ''}; free some space or fix the folder and run the edit again.`,
    );
  }
  const kept = delivery.outputs.filter((output) => !output.rescued);
  if (kept.length > 0) {
    lines.push(
      `Written as asked: ${kept.map((output) => fs.display(output.location)).join(', ')}.`,
    );
  }
  return new RetouchError({
    code: 'output',
    message: lines.join(' '),
    retryable: false,
    ...(details.provider ? { provider: details.provider } : {}),
    ...(details.requestId ? { requestId: details.requestId } : {}),
  });
}
