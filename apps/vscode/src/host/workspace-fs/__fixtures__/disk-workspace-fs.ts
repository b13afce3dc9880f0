import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { URI, Utils } from 'vscode-uri';
import type { UriFileSystemApi, WorkspaceFsLike } from '../uri-output-file-system.js';

/** Errors the way `vscode.FileSystemError` carries them: a code, and the errno in the message. */
export class FakeFileSystemError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function wrap(error: unknown): FakeFileSystemError {
  const errno = (error as NodeJS.ErrnoException).code;
  const code =
    errno === 'ENOENT'
      ? 'FileNotFound'
      : errno === 'EEXIST'
        ? 'FileExists'
        : errno === 'ENOTDIR'
          ? 'FileNotADirectory'
          : errno === 'EACCES' || errno === 'EPERM'
            ? 'NoPermissions'
            : 'Unknown';
  return new FakeFileSystemError(code, (error as Error).message);
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof FakeFileSystemError ? error : wrap(error);
  }
}

/**
 * `vscode.workspace.fs` as VS Code's disk provider behaves, over node:fs and `vscode-uri` (the
 * URI implementation VS Code itself uses): a no-overwrite rename checks, then renames.
 */
export const diskWorkspaceFs: WorkspaceFsLike<URI> = {
  stat: (uri) => guarded(() => stat(uri.fsPath)),
  readDirectory: (uri) =>
    guarded(async () =>
      (await readdir(uri.fsPath, { withFileTypes: true })).map(
        (entry) => [entry.name, entry.isDirectory() ? 2 : 1] as [string, number],
      ),
    ),
  createDirectory: (uri) =>
    guarded(async () => {
      await mkdir(uri.fsPath, { recursive: true });
    }),
  readFile: (uri) => guarded(async () => new Uint8Array(await readFile(uri.fsPath))),
  writeFile: (uri, content) => guarded(() => writeFile(uri.fsPath, content)),
  rename: (source, target, options) =>
    guarded(async () => {
      if (!options.overwrite) {
        const taken = await stat(target.fsPath).then(
          () => true,
          () => false,
        );
        if (taken) throw new FakeFileSystemError('FileExists', `${target.fsPath} exists`);
      }
      await rename(source.fsPath, target.fsPath);
    }),
  delete: (uri) => guarded(() => rm(uri.fsPath)),
};

export const diskUriApi: UriFileSystemApi<URI> = {
  fs: diskWorkspaceFs,
  joinPath: (base, ...segments) => Utils.joinPath(base, ...segments),
  parse: (text) => URI.parse(text, true),
  file: (path) => URI.file(path),
  withPath: (uri, path) => uri.with({ path }),
  fileSystemErrorCode: (error) => (error instanceof FakeFileSystemError ? error.code : undefined),
};
