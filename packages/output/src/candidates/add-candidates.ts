import {
  type DeliverResultsRequest,
  type Delivery,
  deliverResults,
} from '../deliver/deliver-results.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { writeFileExclusive } from '../write/write-new-output.js';
import {
  type CandidateManifest,
  type CandidateSource,
  candidateManifestSchema,
} from './candidate-manifest.js';
import { openStoreFolder, writeStoreJson } from './store-folder.js';

export interface AddCandidatesRequest<Location>
  extends Omit<DeliverResultsRequest<Location>, 'folder' | 'sidecar'> {
  /** The store's root: the workspace folder in VS Code. */
  root: Location;
  /** The workspace image the chain started from, relative to `root`, `/`-separated. */
  chainRoot: string;
  source: CandidateSource;
  providerName?: string;
  modelName?: string;
  /** The painted mask and the marked-up copy, kept with the candidates (not beside the image). */
  mask?: Uint8Array;
  markup?: Uint8Array;
}

export interface AddedCandidates<Location> {
  delivery: Delivery<Location>;
  /** Undefined when not one result could be written (see `delivery.lost`). */
  manifest?: CandidateManifest;
  folder: Location;
}

/** The folder of one edit's candidates: `.retouch/candidates/<editId>`. */
export async function editFolder<Location>(
  fs: OutputFileSystem<Location>,
  root: Location,
  editId: string,
): Promise<Location> {
  if (!/^[\w.-]{1,128}$/.test(editId) || editId.startsWith('.')) {
    throw new Error(`Not an edit id: ${JSON.stringify(editId.slice(0, 40))}`);
  }
  return fs.child(await openStoreFolder(fs, root, 'candidates'), editId);
}

/**
 * Writes an edit's results as candidates: into the store's `candidates/<editId>/` folder, each
 * with its record inside the image as a result beside the original would have, then the mask and
 * markup, then `edit.json`. Nothing appears in the workspace. A result the store cannot take goes
 * to `rescueFolder`, as `deliverResults` does, so a paid result is never lost.
 */
export async function addCandidates<Location>(
  request: AddCandidatesRequest<Location>,
): Promise<AddedCandidates<Location>> {
  const { fs, root } = request;
  const folder = await editFolder(fs, root, request.edit.editId);
  const delivery = await deliverResults({ ...request, folder, sidecar: false });
  const stored = delivery.outputs.filter((output) => !output.rescued);
  if (stored.length === 0) return { delivery, folder };
  const extras: { mask?: string; markup?: string } = {};
  for (const kind of ['mask', 'markup'] as const) {
    const data = request[kind];
    if (!data) continue;
    try {
      await writeFileExclusive(fs, folder, `${kind}.png`, data);
      extras[kind] = `${kind}.png`;
    } catch (error) {
      delivery.notes.push(`The ${kind} could not be kept with the candidates: ${String(error)}.`);
    }
  }
  const record = stored[0]!.record;
  const manifest: CandidateManifest = {
    schema: candidateManifestSchema,
    editId: request.edit.editId,
    createdAt: record.createdAt,
    root: request.chainRoot,
    source: request.source,
    prompt: request.edit.prompt,
    provider: record.provider,
    ...(request.providerName ? { providerName: request.providerName } : {}),
    model: record.model,
    ...(request.modelName ? { modelName: request.modelName } : {}),
    options: { ...record.options },
    ...(request.edit.cost ? { cost: request.edit.cost } : {}),
    ...extras,
    candidates: stored.map((output) => ({
      index: output.index,
      file: output.name,
      mediaType: output.mediaType,
      width: output.width,
      height: output.height,
    })),
  };
  await writeStoreJson(fs, fs.child(folder, 'edit.json'), manifest);
  return { delivery, manifest, folder };
}
