import type { OutputFileSystem } from './output-file-system.js';

const reasonByErrno: Record<string, string> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EISDIR: 'a folder of that name is in the way',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'the folder does not exist',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
};

/**
 * A short reason a person understands, without the path (the caller names the place). Node's
 * `errno` codes get a plain phrase; anything else keeps its first line.
 */
export function describeFileError<L>(error: unknown, fs?: OutputFileSystem<L>): string {
  const fromPort = fs?.describeError?.(error);
  if (fromPort) return fromPort;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && reasonByErrno[code]) return `${reasonByErrno[code]} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 300);
}
