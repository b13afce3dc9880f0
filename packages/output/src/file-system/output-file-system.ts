/**
 * The file operations output needs, over any location type: paths and node:fs for the CLI
 * (`nodeOutputFileSystem` from `@retouch/output/node`), `Uri` and `vscode.workspace.fs` for the
 * extension, so remote and virtual workspaces work too.
 */
export interface OutputFileSystem<Location> {
  child(folder: Location, name: string): Location;
  parent(location: Location): Location;
  /** The last segment: `hero.png`. */
  baseName(location: Location): string;
  /** What a person reads in a message: a path, or a URI for a non-local location. */
  display(location: Location): string;
  /**
   * `to` relative to `folder`, `/`-separated (`../img/hero.png`), or undefined when they are on
   * different file systems and no relative path exists.
   */
  relative(folder: Location, to: Location): string | undefined;
  /** An absolute path for a local file, else a URI: what a record keeps for a far-away file. */
  absolute(location: Location): string;
  /** The location a recorded path (relative to `folder`, absolute, or a URI) stands for. */
  resolve(folder: Location, recorded: string): Location | undefined;

  exists(location: Location): Promise<boolean>;
  /** Names of the entries in `folder`; empty when it does not exist. */
  list(folder: Location): Promise<string[]>;
  /** Creates the folder and any missing parents; fine when it exists. */
  createFolder(folder: Location): Promise<void>;
  readFile(location: Location): Promise<Uint8Array>;
  /** Up to `maxBytes` from the start of the file; a port that cannot read partially omits it. */
  readStart?(location: Location, maxBytes: number): Promise<Uint8Array>;
  /** Creates or replaces the file, with its data flushed to the device where the port can. */
  writeFile(location: Location, data: Uint8Array): Promise<void>;
  /**
   * Renames without ever replacing: resolves `'exists'` when `to` is taken. This is what makes a
   * result name safe to claim, so a port makes it as close to atomic as its file system allows.
   */
  renameNoOverwrite(from: Location, to: Location): Promise<'renamed' | 'exists'>;
  /**
   * Renames `from` over `to`, replacing it in one step (rename(2) on a local disk), so a reader
   * sees the old file or the new one, never neither. Optional: without it, a journal is replaced
   * by a delete and a rename, and recovered from its temporary file after a crash in between.
   */
  replaceFile?(from: Location, to: Location): Promise<void>;
  /** When the file was last written (ms since the epoch); optional, for sweeping stale temporary files. */
  modifiedAt?(location: Location): Promise<number>;
  /** Deletes a file; fine when it is already gone. */
  delete(location: Location): Promise<void>;
  /** A short reason for a failed operation (`read-only file system`), without the path. */
  describeError?(error: unknown): string;
}
