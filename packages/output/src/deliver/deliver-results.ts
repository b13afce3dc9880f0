import { embedRecord } from '../embed/embedded-record.js';
import { describeFileError } from '../file-system/describe-file-error.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { outputExtension, sidecarName } from '../naming/output-names.js';
import {
  createEditRecord,
  type EditDescription,
  type RecordableResult,
} from '../record/create-edit-record.js';
import type { EditRecord } from '../record/edit-record.js';
import { serializeRecord } from '../record/serialize-record.js';
import { storeFor } from '../store/retouch-store.js';
import { writeStoreRecord } from '../store/store-record.js';
import type { FolderNames } from '../write/folder-names.js';
import { writeFileExclusive, writeNewOutput } from '../write/write-new-output.js';

export interface DeliverResultsRequest<Location> {
  fs: OutputFileSystem<Location>;
  /** Where results go (created if missing). */
  folder: Location;
  /** The first source's file name: results are named after it. */
  sourceName: string;
  result: RecordableResult;
  edit: EditDescription<Location>;
  /** Also write `name.retouch-N.ext.json` beside each result. Off: the record is in the image. */
  sidecar?: boolean;
  /**
   * The `.retouch/` store that keeps the records of provider-signed results (whose bytes must
   * stay as sent), under the hash of the result. Default: `.retouch` in the folder each result
   * goes to. VS Code passes the workspace folder's.
   */
  store?: Location;
  /** Where a result goes when `folder` cannot take it, so a paid result is never lost. */
  rescueFolder?: Location;
  /** Scrubbed from records as a last line of defence. */
  secrets?: readonly string[];
  /**
   * The folder names of the run this delivery is part of (`folderNames`), so a batch of
   * thousands does not list its folder for every result. Default: listed for each result.
   */
  names?: FolderNames<Location>;
}

export interface DeliveredImage<Location> {
  index: number;
  location: Location;
  name: string;
  /** The folder it is in: the one asked for, or the rescue folder. */
  folder: Location;
  /** True when it went to the rescue folder because the one asked for failed (see `failure`). */
  rescued: boolean;
  failure?: string;
  /**
   * Where its record is: inside the image, in the `.retouch/` store (a signed result, left byte
   * for byte as its provider sent it), in a sidecar, or nowhere (see `notes`).
   */
  recordIn: 'image' | 'store' | 'sidecar' | 'image+sidecar' | 'store+sidecar' | 'none';
  sidecar?: Location;
  /** The store's `records/<sha256>.json` for a signed result. */
  storeRecord?: Location;
  mediaType: string;
  width: number;
  height: number;
  /** Size of the written file, record included. */
  bytes: number;
  record: EditRecord;
}

/** A result that could be written nowhere, not even to the rescue folder. */
export interface LostImage {
  index: number;
  failure: string;
  rescueFailure?: string;
}

export interface Delivery<Location> {
  editId: string;
  folder: Location;
  outputs: DeliveredImage<Location>[];
  lost: LostImage[];
  /** Things the user may want to know that did not stop the delivery. */
  notes: string[];
}

interface Written<Location> {
  location: Location;
  name: string;
  embedded: boolean;
  /** It carries its provider's signature, so its record goes to the store. */
  signed: boolean;
  bytes: number;
  record: EditRecord;
}

/**
 * Writes every result of an edit: under a fresh `name.retouch-N.ext` (never overwriting, safe
 * against concurrent writers), atomically, with its provenance record embedded in the image
 * (or in a sidecar when asked, or when the image cannot carry it). A result that cannot be
 * written to `folder` (read-only, removed, full) goes to `rescueFolder`; the delivery says which
 * went where, and `deliveryError()` turns a rescue into the error to report. Never throws for a
 * file-system failure.
 */
export async function deliverResults<Location>(
  request: DeliverResultsRequest<Location>,
): Promise<Delivery<Location>> {
  const { fs, folder, result } = request;
  const edit = { ...request.edit, createdAt: request.edit.createdAt ?? new Date() };
  const secrets = request.secrets ?? [];
  const delivery: Delivery<Location> = {
    editId: edit.editId,
    folder,
    outputs: [],
    lost: [],
    notes: [],
  };

  const writeInto = async (
    target: Location,
    index: number,
    rescue: boolean,
  ): Promise<Written<Location>> => {
    const image = result.images[index]!;
    let last: (Omit<Written<Location>, 'location' | 'name'> & { reason?: string }) | undefined;
    const dataFor = (name: string): Uint8Array => {
      const record = createEditRecord(fs, target, edit, result, index, name, rescue);
      const outcome = embedRecord(image.data, image.mediaType, serializeRecord(record, secrets));
      const data = outcome.embedded ? outcome.data : image.data;
      const signed = !outcome.embedded && outcome.signed === true;
      last = {
        embedded: outcome.embedded,
        signed,
        bytes: data.byteLength,
        record,
        ...(outcome.embedded || signed ? {} : { reason: outcome.reason }),
      };
      return data;
    };
    const written = await writeNewOutput(
      fs,
      target,
      {
        sourceName: request.sourceName,
        kind: 'retouch',
        extension: outputExtension(image.mediaType, request.sourceName),
        data: dataFor,
        keepSidecarFree: true,
      },
      request.names ? { names: request.names } : {},
    );
    const { reason, ...kept } = last!;
    if (reason) delivery.notes.push(`The record of ${written.name} is in a sidecar: ${reason}.`);
    return { location: written.location, name: written.name, ...kept };
  };

  for (const [index, image] of result.images.entries()) {
    let target = folder;
    let written: Written<Location> | undefined;
    let failure: string | undefined;
    try {
      written = await writeInto(folder, index, false);
    } catch (error) {
      failure = describeFileError(error, fs);
      if (request.rescueFolder === undefined) {
        delivery.lost.push({ index, failure });
        continue;
      }
      target = request.rescueFolder;
      try {
        written = await writeInto(target, index, true);
      } catch (rescueError) {
        delivery.lost.push({ index, failure, rescueFailure: describeFileError(rescueError, fs) });
        continue;
      }
    }
    const storeRecord = written.signed
      ? await keepInStore(request, target, image.data, written, delivery.notes, secrets)
      : undefined;
    const sidecar = await writeSidecar(
      request,
      target,
      written,
      storeRecord !== undefined,
      delivery.notes,
      secrets,
    );
    const recordIn = written.embedded ? 'image' : storeRecord ? 'store' : undefined;
    delivery.outputs.push({
      index,
      location: written.location,
      name: written.name,
      folder: target,
      rescued: failure !== undefined,
      ...(failure ? { failure } : {}),
      recordIn: recordIn
        ? sidecar
          ? `${recordIn}+sidecar`
          : recordIn
        : sidecar
          ? 'sidecar'
          : 'none',
      ...(sidecar ? { sidecar } : {}),
      ...(storeRecord ? { storeRecord } : {}),
      mediaType: image.mediaType,
      width: image.width,
      height: image.height,
      bytes: written.bytes,
      record: written.record,
    });
  }
  return delivery;
}

/**
 * A signed result's record in the store, keyed by the hash of the bytes as written (the
 * provider's, untouched), so nothing visible lands beside it. Undefined (and a note) when the
 * store cannot be written: the sidecar then keeps the record.
 */
async function keepInStore<Location>(
  request: DeliverResultsRequest<Location>,
  folder: Location,
  data: Uint8Array,
  written: Written<Location>,
  notes: string[],
  secrets: readonly string[],
): Promise<Location | undefined> {
  const { fs } = request;
  const store = request.store ?? storeFor(fs, folder);
  try {
    const json = `${serializeRecord(written.record, secrets, 2)}\n`;
    return await writeStoreRecord(fs, store, data, json);
  } catch (error) {
    notes.push(
      `The record of ${written.name} could not go to ${fs.display(store)} (${describeFileError(error, fs)}), so it is in a sidecar.`,
    );
    return undefined;
  }
}

/** The sidecar, when asked for or when the record is neither in the image nor in the store. */
async function writeSidecar<Location>(
  request: DeliverResultsRequest<Location>,
  folder: Location,
  written: Written<Location>,
  stored: boolean,
  notes: string[],
  secrets: readonly string[],
): Promise<Location | undefined> {
  if (!request.sidecar && (written.embedded || stored)) return undefined;
  const { fs } = request;
  const name = sidecarName(written.name);
  const json = `${serializeRecord(written.record, secrets, 2)}\n`;
  try {
    const outcome = await writeFileExclusive(fs, folder, name, new TextEncoder().encode(json));
    (await request.names?.of(folder))?.add(name);
    if (outcome === 'written') return fs.child(folder, name);
    notes.push(`${name} already exists and was left as it is.`);
  } catch (error) {
    notes.push(`${name} could not be written: ${describeFileError(error, fs)}.`);
  }
  return undefined;
}
