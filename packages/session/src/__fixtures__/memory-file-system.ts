import { posix } from 'node:path';
import type { OutputFileSystem } from '@retouch/output';

/** A location that is an object, as VS Code's `Uri` is: nothing may treat it as a path string. */
export class MemoryUri {
  constructor(readonly path: string) {}
  toString(): string {
    return `mem://${this.path}`;
  }
}

/**
 * Files in a map, over `MemoryUri`s: the way a virtual workspace reaches the session through the
 * port, with no `node:fs` behind it.
 */
export function memoryFileSystem(): {
  fs: OutputFileSystem<MemoryUri>;
  files: Map<string, Uint8Array>;
} {
  const files = new Map<string, Uint8Array>();
  const folders = new Set<string>(['/']);
  const missing = (uri: MemoryUri) =>
    Object.assign(new Error(`no such file: ${uri}`), { code: 'FileNotFound' });
  const fs: OutputFileSystem<MemoryUri> = {
    child: (folder, name) => new MemoryUri(posix.join(folder.path, name)),
    parent: (location) => new MemoryUri(posix.dirname(location.path)),
    baseName: (location) => posix.basename(location.path),
    display: (location) => location.toString(),
    relative: (folder, to) => posix.relative(folder.path, to.path),
    absolute: (location) => location.toString(),
    resolve: (folder, recorded) =>
      recorded.startsWith('mem://')
        ? new MemoryUri(recorded.slice('mem://'.length))
        : new MemoryUri(posix.resolve(folder.path, recorded)),
    exists: async (location) => files.has(location.path) || folders.has(location.path),
    list: async (folder) =>
      [...files.keys(), ...folders]
        .filter((path) => path !== folder.path && posix.dirname(path) === folder.path)
        .map((path) => posix.basename(path)),
    async createFolder(folder) {
      for (let path = folder.path; !folders.has(path); path = posix.dirname(path)) {
        folders.add(path);
      }
    },
    async readFile(location) {
      const data = files.get(location.path);
      if (!data) throw missing(location);
      return data;
    },
    async writeFile(location, data) {
      if (!folders.has(posix.dirname(location.path))) throw missing(location);
      files.set(location.path, new Uint8Array(data));
    },
    async renameNoOverwrite(from, to) {
      if (files.has(to.path)) return 'exists';
      const data = files.get(from.path);
      if (!data) throw missing(from);
      files.set(to.path, data);
      files.delete(from.path);
      return 'renamed';
    },
    async replaceFile(from, to) {
      const data = files.get(from.path);
      if (!data) throw missing(from);
      files.set(to.path, data);
      files.delete(from.path);
    },
    async delete(location) {
      files.delete(location.path);
    },
  };
  return { fs, files };
}
