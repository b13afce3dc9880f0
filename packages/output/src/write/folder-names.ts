import type { OutputFileSystem } from '../file-system/output-file-system.js';

/**
 * The names in the folders one run writes many results to (a batch), listed once per folder and
 * kept up to date with what the run writes, so each new result's number comes from memory instead
 * of two listings of a folder that grows with every result (quadratic in a batch of thousands).
 * Names are grouped by what precedes their first dot, so finding a stem's numbers reads only the
 * names that can be its. Writers still claim names with a rename that never overwrites: a name
 * another process took meanwhile is found taken, added, and the next number is tried. Make one per
 * run (a listing kept for longer would not see files that were deleted or added since).
 */
export interface FolderNames<Location> {
  /** The folder's names (listed on first use, then as this run left them). */
  of(folder: Location): Promise<FolderNameSet>;
}

/** What `writeNewOutput` needs of a folder's names. */
export interface FolderNameSet {
  has(name: string): boolean;
  /** The names that start with `prefix` followed by a dot (`hero` → `hero.retouch-1.png`, …). */
  under(prefix: string): Iterable<string>;
  add(name: string): void;
}

export function folderNames<Location>(fs: OutputFileSystem<Location>): FolderNames<Location> {
  const folders = new Map<string, Promise<FolderNameSet>>();
  return {
    of(folder) {
      const key = fs.display(folder);
      let names = folders.get(key);
      if (!names) {
        // A folder that cannot be listed (not there yet) has no names; a failed write lists it
        // again (see `writeNewOutput`).
        names = fs.list(folder).then(nameSet, () => nameSet([]));
        folders.set(key, names);
      }
      return names;
    },
  };
}

/** The names of one folder, as a `FolderNameSet`. */
export function nameSet(names: Iterable<string>): FolderNameSet {
  const groups = new Map<string, Set<string>>();
  const groupOf = (name: string) => {
    const dot = name.indexOf('.');
    return dot < 0 ? name : name.slice(0, dot);
  };
  const set: FolderNameSet = {
    has: (name) => groups.get(groupOf(name))?.has(name) ?? false,
    *under(prefix) {
      const start = `${prefix}.`;
      for (const name of groups.get(groupOf(start)) ?? []) if (name.startsWith(start)) yield name;
    },
    add(name) {
      const group = groupOf(name);
      let members = groups.get(group);
      if (!members) {
        members = new Set();
        groups.set(group, members);
      }
      members.add(name);
    },
  };
  for (const name of names) set.add(name);
  return set;
}
