import { embedRecord, readEmbeddedRecord } from '../embed/embedded-record.js';
import type { OutputFileSystem } from '../file-system/output-file-system.js';
import type { EditRecord, RecordedFile } from '../record/edit-record.js';
import { parseEditRecordText } from '../record/parse-edit-record.js';
import { recordPath } from '../record/record-path.js';
import { serializeRecord } from '../record/serialize-record.js';

/**
 * A candidate's bytes for a new home: its record (inside the image) says where its inputs are
 * from `to`'s folder and names the file `name`. Pixels are untouched; an image without a record
 * of ours, or one that cannot carry it (Content Credentials), is returned as it is.
 */
export function repointRecord<Location>(
  fs: OutputFileSystem<Location>,
  data: Uint8Array,
  mediaType: string,
  from: Location,
  to: { folder: Location; name: string },
  moved: { source?: Location } = {},
): Uint8Array {
  const text = readEmbeddedRecord(data);
  const record = text === undefined ? undefined : parseEditRecordText(text);
  if (!record) return data;
  const again = (file: RecordedFile): RecordedFile => {
    const location = fs.resolve(fs.parent(from), file.path);
    return location === undefined ? file : { ...file, path: recordPath(fs, to.folder, location) };
  };
  const sources = record.sources.map(again);
  if (moved.source && sources[0]) {
    sources[0] = { ...sources[0], path: recordPath(fs, to.folder, moved.source) };
  }
  const repointed: EditRecord = {
    ...record,
    sources,
    ...(record.mask ? { mask: again(record.mask) } : {}),
    ...(record.markup ? { markup: { ...record.markup, ...again(record.markup) } } : {}),
    output: { ...record.output, file: to.name },
  };
  const outcome = embedRecord(data, mediaType, serializeRecord(repointed, []));
  return outcome.embedded ? outcome.data : data;
}
