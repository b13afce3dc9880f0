import type { OutputFileSystem } from '../file-system/output-file-system.js';
import type { EditRecord, RecordedFile, RecordedMarkup } from '../record/edit-record.js';
import type { FoundRecord } from './read-output-record.js';

export interface ResolvedFile<Location> extends RecordedFile {
  /** Where the recorded path points, seen from the result; undefined when it cannot be resolved. */
  location?: Location;
}

export interface EditOutputEntry<Location> {
  location: Location;
  name: string;
  index: number;
  mediaType: string;
  width: number;
  height: number;
  from: 'image' | 'store' | 'sidecar';
}

/** One edit and all of its results found on disk: what a history lists. */
export interface EditHistoryEntry<Location>
  extends Omit<EditRecord, 'sources' | 'mask' | 'markup' | 'output' | 'schema'> {
  sources: ResolvedFile<Location>[];
  mask?: ResolvedFile<Location>;
  markup?: ResolvedFile<Location> & Pick<RecordedMarkup, 'delivery' | 'sentPrompt'>;
  revisedPrompt?: string;
  outputs: EditOutputEntry<Location>[];
}

/** Groups records found on disk into edits (by `editId`), newest first, results in order. */
export function groupEdits<Location>(
  fs: OutputFileSystem<Location>,
  found: readonly FoundRecord<Location>[],
): EditHistoryEntry<Location>[] {
  const byEdit = new Map<string, EditHistoryEntry<Location>>();
  for (const { record, location, from } of found) {
    const output: EditOutputEntry<Location> = {
      location,
      name: fs.baseName(location),
      index: record.output.index,
      mediaType: record.output.mediaType,
      width: record.output.width,
      height: record.output.height,
      from,
    };
    const existing = byEdit.get(record.editId);
    if (existing) {
      existing.outputs.push(output);
      continue;
    }
    const folder = fs.parent(location);
    const resolve = <File extends RecordedFile>(file: File): File & ResolvedFile<Location> => {
      const resolved = fs.resolve(folder, file.path);
      return resolved === undefined ? { ...file } : { ...file, location: resolved };
    };
    const { schema: _schema, sources, mask, markup, output: recorded, ...rest } = record;
    byEdit.set(record.editId, {
      ...rest,
      sources: sources.map(resolve),
      ...(mask ? { mask: resolve(mask) } : {}),
      ...(markup ? { markup: resolve(markup) } : {}),
      ...(recorded.revisedPrompt ? { revisedPrompt: recorded.revisedPrompt } : {}),
      outputs: [output],
    });
  }
  const edits = [...byEdit.values()];
  for (const edit of edits) edit.outputs.sort((a, b) => a.index - b.index);
  return edits.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || 0);
}
