import { link, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutputFileSystem } from './output-file-system.js';

/** A URI with a scheme of two or more letters; `C:\…` is a Windows path, not a URI. */
const uriPattern = /^[a-z][a-z0-9+.-]+:/i;

/** File systems without hard links answer link(2) with one of these. */
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV']);

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Output over node:fs and plain paths. The no-overwrite rename is `link(2)` then `unlink(2)`:
 * the kernel refuses an existing name atomically, so two processes racing for
 * `photo.retouch-3.png` cannot both get it. Where hard links are not supported (some network
 * and FAT file systems) it checks, then renames.
 */
export const nodeOutputFileSystem: OutputFileSystem<string> = {
  child: (folder, name) => join(folder, name),
  parent: (location) => dirname(location),
  baseName: (location) => basename(location),
  display: (location) => location,
  relative: (folder, to) => relative(folder, to).split(sep).join('/'),
  absolute: (location) => resolve(location),
  resolve(folder, recorded) {
    if (recorded.startsWith('file:')) {
      try {
        return fileURLToPath(recorded);
      } catch {
        return undefined;
      }
    }
    if (uriPattern.test(recorded) && !isAbsolute(recorded)) return undefined;
    return resolve(folder, recorded);
  },

  async exists(location) {
    try {
      await stat(location);
      return true;
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return false;
      throw error;
    }
  },
  async list(folder) {
    try {
      return await readdir(folder);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return [];
      throw error;
    }
  },
  async createFolder(folder) {
    await mkdir(folder, { recursive: true });
  },
  readFile: async (location) => new Uint8Array(await readFile(location)),
  async readStart(location, maxBytes) {
    const handle = await open(location, 'r');
    try {
      // Sized by the file, not by the limit: reading a 1 MB journal under a 64 MB limit must
      // not cost 64 MB. One byte more than the file shows the end without growing; a file
      // that grows meanwhile is read on, doubling, up to the limit.
      const { size } = await handle.stat();
      let buffer = new Uint8Array(Math.min(maxBytes, size + 1));
      let filled = 0;
      for (;;) {
        if (filled === buffer.byteLength) {
          if (filled >= maxBytes) break;
          const bigger = new Uint8Array(Math.min(maxBytes, buffer.byteLength * 2));
          bigger.set(buffer);
          buffer = bigger;
        }
        const { bytesRead } = await handle.read(buffer, filled, buffer.byteLength - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  },
  async writeFile(location, data) {
    const handle = await open(location, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async renameNoOverwrite(from, to) {
    try {
      await link(from, to);
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'EEXIST') return 'exists';
      if (!code || !noHardLinks.has(code)) throw error;
      if (await nodeOutputFileSystem.exists(to)) return 'exists';
      await rename(from, to);
      return 'renamed';
    }
    await unlink(from);
    return 'renamed';
  },
  async replaceFile(from, to) {
    await rename(from, to);
  },
  modifiedAt: async (location) => (await stat(location)).mtimeMs,
  async delete(location) {
    try {
      await unlink(location);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw error;
    }
  },
};
