import { posix } from 'node:path';
import { describeFileError, type OutputFileSystem } from '@retouch/output';

/** The parts of `vscode.Uri` the adapter uses. */
export interface UriLike {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly fsPath: string;
  toString(): string;
}

/** The parts of `vscode.workspace.fs` the adapter uses. */
export interface WorkspaceFsLike<U> {
  stat(uri: U): PromiseLike<unknown>;
  readDirectory(uri: U): PromiseLike<[string, number][]>;
  createDirectory(uri: U): PromiseLike<void>;
  readFile(uri: U): PromiseLike<Uint8Array>;
  writeFile(uri: U, content: Uint8Array): PromiseLike<void>;
  rename(source: U, target: U, options: { overwrite: boolean }): PromiseLike<void>;
  delete(uri: U, options: { recursive?: boolean; useTrash?: boolean }): PromiseLike<void>;
}

/** What the adapter needs from the `vscode` module, passed in so it runs in unit tests too. */
export interface UriFileSystemApi<U extends UriLike> {
  fs: WorkspaceFsLike<U>;
  joinPath(base: U, ...segments: string[]): U;
  parse(text: string): U;
  file(path: string): U;
  withPath(uri: U, path: string): U;
  /** `FileSystemError.code` (`FileNotFound`, `FileExists`, `NoPermissions`, …), if it is one. */
  fileSystemErrorCode(error: unknown): string | undefined;
  /** How messages name a location, e.g. relative to the workspace; else its path or URI. */
  displayName?(uri: U): string;
}

const uriPattern = /^[a-z][a-z0-9+.-]+:/i;

const reasonByCode: Record<string, string> = {
  FileNotFound: 'the folder does not exist',
  FileExists: 'a file of that name is in the way',
  FileNotADirectory: 'part of the path is a file, not a folder',
  FileIsADirectory: 'a folder of that name is in the way',
  NoPermissions: 'not allowed to write there (read-only or no permission)',
  Unavailable: 'the file system is not available',
};

/**
 * Output over `vscode.workspace.fs` and `Uri`, so local, remote and virtual workspaces all work.
 * Its no-overwrite rename is the provider's `rename(…, { overwrite: false })`; VS Code's disk
 * provider checks, then renames, and `writeNewOutput` serialises writers within the window.
 */
export function createUriOutputFileSystem<U extends UriLike>(
  api: UriFileSystemApi<U>,
): OutputFileSystem<U> {
  const isMissing = (error: unknown) => api.fileSystemErrorCode(error) === 'FileNotFound';
  const port: OutputFileSystem<U> = {
    child: (folder, name) => api.joinPath(folder, name),
    parent: (location) => api.joinPath(location, '..'),
    baseName: (location) => posix.basename(location.path),
    display: (location) =>
      api.displayName?.(location) ??
      (location.scheme === 'file' ? location.fsPath : location.toString()),
    relative(folder, to) {
      if (folder.scheme !== to.scheme || folder.authority !== to.authority) return undefined;
      return posix.relative(folder.path, to.path);
    },
    absolute: (location) => (location.scheme === 'file' ? location.fsPath : location.toString()),
    resolve(folder, recorded) {
      try {
        if (/^[a-z]:[\\/]/i.test(recorded) || recorded.startsWith('\\\\'))
          return api.file(recorded);
        if (uriPattern.test(recorded)) return api.parse(recorded);
        if (recorded.startsWith('/')) {
          return folder.scheme === 'file' ? api.file(recorded) : api.withPath(folder, recorded);
        }
        return api.joinPath(folder, recorded);
      } catch {
        return undefined;
      }
    },

    async exists(location) {
      try {
        await api.fs.stat(location);
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async list(folder) {
      try {
        return (await api.fs.readDirectory(folder)).map(([name]) => name);
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
    createFolder: async (folder) => {
      await api.fs.createDirectory(folder);
    },
    readFile: async (location) => api.fs.readFile(location),
    writeFile: async (location, data) => {
      await api.fs.writeFile(location, data);
    },
    async renameNoOverwrite(from, to) {
      try {
        await api.fs.rename(from, to, { overwrite: false });
        return 'renamed';
      } catch (error) {
        // Some providers report a taken name with a generic error; look for ourselves.
        if (api.fileSystemErrorCode(error) === 'FileExists' || (await port.exists(to))) {
          return 'exists';
        }
        throw error;
      }
    },
    async delete(location) {
      try {
        await api.fs.delete(location, { useTrash: false });
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },
    describeError(error) {
      // VS Code keeps the errno in the message of errors it does not classify (EROFS, ENOSPC).
      const errno = /\b(E[A-Z]{2,})\b/.exec(error instanceof Error ? error.message : '')?.[1];
      if (errno) return describeFileError({ code: errno });
      const code = api.fileSystemErrorCode(error);
      return (code && reasonByCode[code]) || describeFileError(error);
    },
  };
  return port;
}
