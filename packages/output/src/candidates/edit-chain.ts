import type { OutputFileSystem } from '../file-system/output-file-system.js';
import { readOutputRecord } from '../read/read-output-record.js';
import type { StoredEdit } from './list-candidates.js';

/** One step of a chain of edits: an image on disk, or a candidate in the store. */
export type ChainStep =
  | { kind: 'image'; name: string; prompt?: string }
  | { kind: 'candidate'; id: string; file: string; prompt: string };

/**
 * What a candidate came from, oldest first, from the store's manifests: the image, then each
 * candidate a Refine started from, then the candidate itself
 * (`photo.jpg → photo.retouch-1.jpg → photo.retouch-1.jpg`). Stops at a loop or a missing edit.
 */
export function candidateChain<Location>(
  edits: readonly StoredEdit<Location>[],
  id: { editId: string; index: number },
): ChainStep[] {
  const byId = new Map(edits.map((edit) => [edit.manifest.editId, edit]));
  const steps: ChainStep[] = [];
  const seen = new Set<string>();
  let at: { editId: string; index: number } | undefined = id;
  while (at && !seen.has(at.editId)) {
    seen.add(at.editId);
    const edit = byId.get(at.editId);
    if (!edit) break;
    const entry = edit.manifest.candidates.find((candidate) => candidate.index === at!.index);
    steps.unshift({
      kind: 'candidate',
      id: `${at.editId}/${at.index}`,
      file: entry?.file ?? '?',
      prompt: edit.manifest.prompt,
    });
    const source = edit.manifest.source;
    if ('candidate' in source) {
      at = source.candidate;
    } else {
      steps.unshift({ kind: 'image', name: source.file.split('/').pop() ?? source.file });
      at = undefined;
    }
  }
  return steps;
}

/**
 * What an image on disk was made from, oldest first, by following the records inside the images
 * (the CLI's results and kept candidates alike): `photo.jpg → photo.edit-1.jpg`. At most `depth`
 * steps back; a source that is gone ends the chain.
 */
export async function imageLineage<Location>(
  fs: OutputFileSystem<Location>,
  image: Location,
  depth = 10,
): Promise<ChainStep[]> {
  const steps: ChainStep[] = [{ kind: 'image', name: fs.baseName(image) }];
  let at: Location | undefined = image;
  const seen = new Set<string>();
  for (let i = 0; i < depth && at !== undefined; i++) {
    seen.add(fs.display(at));
    const found = await readOutputRecord(fs, at);
    const source = found?.record.sources[0];
    if (!found || !source) break;
    steps[0] = { ...steps[0]!, prompt: found.record.prompt } as ChainStep;
    const from = fs.resolve(fs.parent(at), source.path);
    if (from === undefined || seen.has(fs.display(from))) break;
    steps.unshift({ kind: 'image', name: fs.baseName(from) });
    at = (await fs.exists(from)) ? from : undefined;
  }
  return steps;
}
