import type { EditCost, EditImageOptions, RetouchError } from '@retouch/core';
import {
  deliverResults,
  deliveryError,
  type RecordableResult,
  type RecordedInput,
} from '@retouch/output';
import { type ResolvedHost, resolveHost, type SessionHost } from '../host/session-host.js';
import type { DeliveredEdit, MarkupInput } from './delivered-edit.js';

export interface DeliverEditRequest<Location> {
  /** Where the results go (created if missing). */
  folder: Location;
  result: RecordableResult & { requestId?: string };
  prompt: string;
  options: EditImageOptions;
  sources: readonly RecordedInput<Location>[];
  mask?: RecordedInput<Location>;
  markup?: MarkupInput<Location>;
  cost?: EditCost;
  /** The provider's base URL; only scheme, host and path are recorded. */
  endpoint?: string;
  /** The edit's id, shared by its records (and its pending jobs); fresh when not given. */
  editId?: string;
}

/**
 * Writes an edit's results (fresh `name.retouch-N.ext`, atomic, the record inside), rescues what
 * the folder cannot take, logs where each went, and tells the host's history. Never throws for a
 * failed write: the `error` of what it resolves says where the results are instead.
 */
export async function deliverEdit<Location>(
  host: SessionHost<Location> | ResolvedHost<Location>,
  request: DeliverEditRequest<Location>,
): Promise<DeliveredEdit<Location>> {
  const resolved = 'sidecarFor' in host ? host : resolveHost(host);
  const { fs, log } = resolved;
  const first = request.sources[0];
  const delivery = await deliverResults({
    fs,
    folder: request.folder,
    sourceName: first ? fs.baseName(first.location) : 'image.png',
    result: request.result,
    edit: {
      editId: request.editId ?? resolved.newId(),
      tool: resolved.tool,
      prompt: request.prompt,
      ...(request.endpoint ? { baseURL: request.endpoint } : {}),
      options: request.options,
      sources: request.sources,
      ...(request.mask ? { mask: request.mask } : {}),
      ...(request.markup ? { markup: request.markup } : {}),
      ...(request.cost ? { cost: request.cost } : {}),
      createdAt: new Date(resolved.now()),
    },
    sidecar: resolved.sidecarFor(request.folder),
    rescueFolder: resolved.rescueFolder,
    secrets: resolved.secrets,
  });
  for (const output of delivery.outputs) {
    if (output.rescued) {
      log.error(
        `Could not write to ${fs.display(request.folder)} (${output.failure}); saved ${output.name} at ${fs.display(output.location)}.`,
      );
    } else log.info(`Wrote ${fs.display(output.location)} (${output.width}x${output.height}).`);
  }
  for (const lost of delivery.lost) {
    log.error(
      `Result ${lost.index + 1} could not be saved: ${lost.failure}${lost.rescueFailure ? `; fallback: ${lost.rescueFailure}` : ''}.`,
    );
  }
  for (const note of delivery.notes) log.warn(note);
  const error: RetouchError | undefined = deliveryError(fs, delivery, {
    provider: request.result.provider,
    ...(request.result.requestId ? { requestId: request.result.requestId } : {}),
  });
  const delivered: DeliveredEdit<Location> = {
    delivery,
    prompt: request.prompt,
    sources: request.sources,
    ...(request.mask ? { mask: request.mask } : {}),
    ...(request.markup ? { markup: request.markup } : {}),
    ...(request.cost ? { cost: request.cost } : {}),
    ...(error ? { error } : {}),
  };
  if (delivery.outputs.length > 0) await resolved.history?.(delivered);
  return delivered;
}
