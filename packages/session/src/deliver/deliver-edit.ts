import type { EditCost, EditImageOptions, EditImageResult, RetouchError } from '@retouch/core';
import {
  addCandidates,
  type Delivery,
  deliverResults,
  deliveryError,
  type EditDescription,
  type FolderNames,
  type RecordableResult,
  type RecordedBatchItem,
  type RecordedInput,
} from '@retouch/output';
import { type ResolvedHost, resolveHost, type SessionHost } from '../host/session-host.js';
import type { CandidatesSink } from './candidates-sink.js';
import type { DeliveredEdit, MarkupInput } from './delivered-edit.js';

export interface DeliverEditRequest<Location> {
  /** Where the results go (created if missing). */
  folder: Location;
  result: RecordableResult & Pick<EditImageResult, 'source'> & { requestId?: string };
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
  /** Results become candidates in this store instead of files in `folder` (the Studio). */
  candidates?: CandidatesSink<Location>;
  /** The batch and item this edit is, recorded so a rerun after a crash finds it done. */
  batch?: RecordedBatchItem;
  /** The batch's folder names (`folderNames`), so its folder is not listed for each result. */
  names?: FolderNames<Location>;
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
  const edit: EditDescription<Location> = {
    editId: request.editId ?? resolved.newId(),
    tool: resolved.tool,
    prompt: request.prompt,
    ...(request.endpoint ? { baseURL: request.endpoint } : {}),
    options: request.options,
    sources: request.sources,
    ...(request.mask ? { mask: request.mask } : {}),
    ...(request.markup ? { markup: request.markup } : {}),
    ...(request.cost ? { cost: request.cost } : {}),
    ...(request.batch ? { batch: request.batch } : {}),
    createdAt: new Date(resolved.now()),
  };
  const sourceName = first ? fs.baseName(first.location) : 'image.png';
  const common = {
    fs,
    sourceName,
    result: request.result,
    edit,
    ...storeFor(resolved, request.folder),
    rescueFolder: resolved.rescueFolder,
    secrets: resolved.secrets,
  };
  let delivery: Delivery<Location> | undefined;
  let folder = request.folder;
  let candidates: { folder: Location } | undefined;
  if (request.candidates) {
    const { root, chainRoot, source, providerName, modelName } = request.candidates;
    try {
      const added = await addCandidates({
        ...common,
        // The store's folder is named after the edit: a resumed job's `<editId>-<job id>` may
        // hold characters a folder name cannot.
        edit: { ...edit, editId: edit.editId.replace(/[^\w.-]/g, '-').slice(0, 128) },
        root,
        chainRoot,
        source,
        ...(providerName ? { providerName } : {}),
        ...(modelName ? { modelName } : {}),
      });
      delivery = added.delivery;
      folder = added.folder;
      candidates = { folder: added.folder };
    } catch (error) {
      // The store itself could not be made (a read-only folder): the paid results still go to
      // the folder, or to the rescue folder, and say so.
      log.error(
        `The candidates store could not take the results (${error instanceof Error ? error.message : String(error)}); writing them as files instead.`,
      );
    }
  }
  delivery ??= await deliverResults({
    ...common,
    folder: request.folder,
    sidecar: resolved.sidecarFor(request.folder),
    ...(request.names ? { names: request.names } : {}),
  });
  for (const output of delivery.outputs) {
    if (output.rescued) {
      log.error(
        `Could not write to ${fs.display(folder)} (${output.failure}); saved ${output.name} at ${fs.display(output.location)}.`,
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
    ...(candidates ? { candidates } : {}),
    ...(request.result.source ? { sourceSize: request.result.source } : {}),
  };
  if (delivery.outputs.length > 0) await resolved.history?.(delivered);
  return delivered;
}

/** Where a signed result's record goes: the host's store for the folder, else the default. */
function storeFor<Location>(host: ResolvedHost<Location>, folder: Location): { store?: Location } {
  const store = host.store?.(folder);
  return store === undefined ? {} : { store };
}
