import {
  type EditHistoryEntry,
  type FoundRecord,
  groupEdits,
  type OutputFileSystem,
  parseResultName,
  readOutputRecord,
} from '@retouch/output';

/**
 * The past edits of one image, newest first: every result in its folder whose record names it
 * as a source, and, when the image is itself a result, the edit that made it. Results are found
 * by their names (`photo.retouch-1.png`); files are untrusted, so an unreadable one is skipped.
 */
export async function editHistoryOf<Location>(
  fs: OutputFileSystem<Location>,
  image: Location,
  options: { limit?: number } = {},
): Promise<EditHistoryEntry<Location>[]> {
  const folder = fs.parent(image);
  const target = fs.absolute(image);
  const names = (await fs.list(folder).catch(() => [] as string[])).filter(
    (name) => parseResultName(name) !== undefined,
  );
  const found: FoundRecord<Location>[] = [];
  for (const name of names) {
    const location = fs.child(folder, name);
    const record = await readOutputRecord(fs, location).catch(() => undefined);
    if (!record) continue;
    const isResult = fs.absolute(location) === target;
    const fromImage = record.record.sources.some((source) => {
      const resolved = fs.resolve(folder, source.path);
      return resolved !== undefined && fs.absolute(resolved) === target;
    });
    if (isResult || fromImage) found.push(record);
  }
  const edits = groupEdits(fs, found);
  return options.limit === undefined ? edits : edits.slice(0, options.limit);
}
