/**
 * The file operations output writing needs, over any location type. The extension passes an
 * adapter over `vscode.workspace.fs` and `Uri`; the unit tests pass one over node:fs and paths.
 */
export interface OutputFileSystem<Location> {
  child(folder: Location, name: string): Location;
  exists(target: Location): Promise<boolean>;
  /** Names of the entries in `folder`; empty when it does not exist yet. */
  list(folder: Location): Promise<string[]>;
  createFolder(folder: Location): Promise<void>;
  writeFile(target: Location, data: Uint8Array): Promise<void>;
  /** Renames without ever replacing: resolves `'exists'` when `to` is already taken. */
  renameNoOverwrite(from: Location, to: Location): Promise<'renamed' | 'exists'>;
  /** Renames, replacing `to` if present. */
  renameOverwrite(from: Location, to: Location): Promise<void>;
  delete(target: Location): Promise<void>;
}
