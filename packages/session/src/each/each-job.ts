import type {
  DeliveredItem,
  EachItem,
  EditCost,
  EditImageResult,
  ImageInput,
  JournalEntry,
} from '@retouch/core';
import type { FolderNames, OutputFileSystem } from '@retouch/output';
import { deliverEdit } from '../deliver/deliver-edit.js';
import type { DeliveredEdit } from '../deliver/delivered-edit.js';
import type { ResolvedHost } from '../host/session-host.js';
import type { EditPlan } from '../plan/edit-request.js';
import { sourceOptions } from '../plan/model-of.js';
import { itemKey } from './batch-identity.js';
import { eachRecovery } from './each-recovery.js';

/**
 * What a live batch (`performEach`) and a batch-API job (`performBatchApiEach`) share: the plan's
 * images as items keyed as their journal knows them, what a killed earlier run left behind
 * (swept, and its results found by their record), each item's input prepared just before it is
 * sent, and each result delivered beside its input with the batch's name in its record.
 */
export async function openEachJob<Location>(
  resolved: ResolvedHost<Location>,
  plan: EditPlan<Location>,
  job: {
    /** Where the journal is: item keys are the inputs' paths relative to it. */
    journalFolder: Location;
    /** The batch's name from run to run, recorded in each result. */
    batch: string;
    maskSha256: string | undefined;
    /** The batch's folder names (`folderNames`), so a folder is not listed once per result. */
    names?: FolderNames<Location>;
    /** What the batch's journal says of an item. */
    previous: (key: string) => JournalEntry | undefined;
  },
) {
  const { fs } = resolved;
  const all = plan.images.map((image, index) => ({
    key: itemKey(fs, job.journalFolder, image),
    image,
    folder: plan.folders[index]!,
  }));
  const own = ownResults(fs, all, job.previous);
  const leftOut = all.filter((entry) => own.has(fs.display(entry.image)));
  const byKey = new Map(
    all
      .filter((entry) => !own.has(fs.display(entry.image)))
      .map(({ key, image, folder }) => [key, { image, folder }]),
  );
  const recovery = eachRecovery({
    fs,
    batch: job.batch,
    itemOf: (key) => byKey.get(key),
    ...(resolved.isWriterAlive ? { isWriterAlive: resolved.isWriterAlive } : {}),
  });
  await recovery.sweep(plan.folders);
  const items: EachItem[] = [...byKey.keys()].map((key) => ({
    key,
    images: fs.display(byKey.get(key)!.image),
  }));
  const mask: ImageInput | undefined =
    plan.mask === undefined ? undefined : await resolved.imageInput(plan.mask);
  const leftOutNote = noteOnLeftOut(
    fs,
    leftOut.map((entry) => entry.image),
  );
  if (leftOutNote) resolved.log.info(leftOutNote);
  return {
    items,
    mask,
    /** What a person is told about the images left out (see `ownResults`); none: undefined. */
    leftOutNote,
    inputOf: (key: string) => byKey.get(key)!.image,
    findDelivered: (item: EachItem) => recovery.findDelivered(item),
    /**
     * Just before an item is sent (a few ahead): its input, its hash (which pins it in the
     * journal; a batch-API item being delivered comes with the hash it was sent with) and the
     * output format that follows its type.
     */
    async prepare(item: EachItem): Promise<EachItem> {
      const { image } = byKey.get(item.key)!;
      const [input, hash, options] = await Promise.all([
        resolved.imageInput(image),
        item.contentHash ?? resolved.sha256(image).catch(() => undefined),
        sourceOptions(fs, plan, image),
      ]);
      return { ...item, images: input, options, ...(hash ? { contentHash: hash } : {}) };
    },
    /**
     * Writes an item's result beside its input and hands the delivered edit to `keep`; resolves
     * what the engine journals, or rejects when nothing at all was written.
     */
    async deliver(
      item: EachItem,
      result: EditImageResult,
      cost: EditCost,
      keep: (edit: DeliveredEdit<Location>) => void,
    ): Promise<DeliveredItem> {
      const { image, folder } = byKey.get(item.key)!;
      const edit = await deliverEdit(resolved, {
        folder,
        result,
        prompt: plan.prompt,
        options: { ...plan.options, ...item.options },
        sources: [{ location: image, sha256: item.contentHash ?? '' }],
        ...(plan.mask === undefined
          ? {}
          : { mask: { location: plan.mask, sha256: job.maskSha256 ?? '' } }),
        cost,
        batch: { id: job.batch, item: item.key },
        ...(job.names ? { names: job.names } : {}),
        ...(plan.endpoint ? { endpoint: plan.endpoint } : {}),
      });
      keep(edit);
      if (edit.delivery.outputs.length === 0 && edit.error) throw edit.error;
      return {
        outputs: edit.delivery.outputs.map((output) => fs.display(output.location)),
        ...(edit.error ? { problem: edit.error } : {}),
      };
    },
  };
}

/**
 * The images (as displayed) that an earlier run of this batch wrote: its journal lists them among
 * an input's results. Run again, a pattern such as "photos/*.png" matches them too, and editing
 * them would pay for edits nobody asked for, so a batch leaves them out.
 */
export function ownResults<Location>(
  fs: OutputFileSystem<Location>,
  entries: ReadonlyArray<{ key: string; image: Location }>,
  previous: (key: string) => JournalEntry | undefined,
): Set<string> {
  const written = new Set<string>();
  for (const { key } of entries) {
    const entry = previous(key);
    if (entry?.state === 'done') for (const output of entry.outputs) written.add(output);
  }
  return new Set(
    entries.map((entry) => fs.display(entry.image)).filter((image) => written.has(image)),
  );
}

function noteOnLeftOut<Location>(
  fs: OutputFileSystem<Location>,
  images: readonly Location[],
): string | undefined {
  if (images.length === 0) return undefined;
  const names = images.map((image) => fs.baseName(image));
  const shown =
    names.length > 3
      ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
      : names.join(', ');
  return `Left out ${images.length === 1 ? 'a result' : `${images.length} results`} of this batch's earlier run (${shown}): ${images.length === 1 ? 'it is' : 'they are'} what the batch made, not what it edits.`;
}
