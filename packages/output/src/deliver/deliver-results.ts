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
  /** Where a result goes when `folder` cannot take it, so a paid result is never lost. */
  rescueFolder?: Location;
  /** Scrubbed from records as a last line of defence. */
  secrets?: readonly string[];
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
  /** Where its record is: inside the image, in a sidecar, or nowhere (see `notes`). */
  recordIn: 'image' | 'sidecar' | 'image+sidecar' | 'none';
  sidecar?: Location;
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
      last = {
        embedded: outcome.embedded,
        bytes: data.byteLength,
        record,
        ...(outcome.embedded ? {} : { reason: outcome.reason }),
      };
      return data;
    };
    const written = await writeNewOutput(fs, target, {
      sourceName: request.sourceName,
      kind: 'retouch',
      extension: outputExtension(image.mediaType, request.sourceName),
      data: dataFor,
      keepSidecarFree: true,
    });
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
    const sidecar = await writeSidecar(request, target, written, delivery.notes, secrets);
    delivery.outputs.push({
      index,
      location: written.location,
      name: written.name,
      folder: target,
      rescued: failure !== undefined,
      ...(failure ? { failure } : {}),
      recordIn: written.embedded
        ? sidecar
          ? 'image+sidecar'
          : 'image'
        : sidecar
          ? 'sidecar'
          : 'none',
      ...(sidecar ? { sidecar } : {}),
      mediaType: image.mediaType,
      width: image.width,
      height: image.height,
      bytes: written.bytes,
      record: written.record,
    });
  }
  return delivery;
}

/** The sidecar, when asked for or when the image could not carry the record. */
async function writeSidecar<Location>(
  request: DeliverResultsRequest<Location>,
  folder: Location,
  written: Written<Location>,
  notes: string[],
  secrets: readonly string[],
): Promise<Location | undefined> {
  if (!request.sidecar && written.embedded) return undefined;
  const { fs } = request;
  const name = sidecarName(written.name);
  const json = `${serializeRecord(written.record, secrets, 2)}\n`;
  try {
    const outcome = await writeFileExclusive(fs, folder, name, new TextEncoder().encode(json));
    if (outcome === 'written') return fs.child(folder, name);
    notes.push(`${name} already exists and was left as it is.`);
  } catch (error) {
    notes.push(`${name} could not be written: ${describeFileError(error, fs)}.`);
  }
  return undefined;
}
