import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RetouchError } from '@retouch/core';

/**
 * The folders an agent may read and write: the client's roots, or the server's working
 * directory when the client declares none. Every path is resolved through symlinks first, so a
 * link inside a root that points outside it is refused like a `..` escape.
 */
export class RootGuard {
  private constructor(private readonly roots: readonly string[]) {}

  /** Roots from `file://` URIs (other schemes are not folders on this machine and are skipped). */
  static async fromUris(uris: readonly string[], fallback: string): Promise<RootGuard> {
    const paths = uris.flatMap((uri) => {
      try {
        return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
      } catch {
        return [];
      }
    });
    const chosen = uris.length === 0 ? [fallback] : paths;
    const real = await Promise.all(chosen.map((path) => realpath(path).catch(() => undefined)));
    return new RootGuard(real.filter((path): path is string => path !== undefined));
  }

  /** The first root: where relative paths are resolved from. */
  get base(): string | undefined {
    return this.roots[0];
  }

  describe(): string {
    return this.roots.length === 0 ? 'no folder' : this.roots.join(', ');
  }

  /** An existing file the agent names, as its real path inside a root; refused otherwise. */
  async existing(path: string, field: string): Promise<string> {
    const absolute = this.absolute(path, field);
    const real = await realpath(absolute).catch(() => {
      throw refusal(field, `${path} does not exist.`);
    });
    return this.inside(real, path, field);
  }

  /**
   * A folder results may be written to: its nearest existing ancestor is resolved through
   * symlinks, so a folder that does not exist yet cannot lead outside through a link either.
   */
  async writable(path: string, field: string): Promise<string> {
    const absolute = this.absolute(path, field);
    let existing = absolute;
    const rest: string[] = [];
    for (;;) {
      const real = await realpath(existing).catch(() => undefined);
      if (real !== undefined) return this.inside(join(real, ...rest.reverse()), path, field);
      const up = dirname(existing);
      if (up === existing) throw refusal(field, `${path} cannot be resolved.`);
      rest.push(basename(existing));
      existing = up;
    }
  }

  private absolute(path: string, field: string): string {
    if (typeof path !== 'string' || path.trim() === '' || path.includes('\0')) {
      throw refusal(field, 'Give a file path.');
    }
    const base = this.base;
    if (!isAbsolute(path) && base === undefined) throw refusal(field, this.outsideMessage(path));
    return resolve(base ?? '/', path);
  }

  private inside(real: string, asked: string, field: string): string {
    const ok = this.roots.some((root) => {
      const path = relative(root, real);
      return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
    });
    if (!ok) throw refusal(field, this.outsideMessage(asked));
    return real;
  }

  private outsideMessage(path: string): string {
    return `${path} is outside the folders this client shared (${this.describe()}); Retouch reads and writes only inside them. Nothing was sent.`;
  }
}

function refusal(field: string, message: string): RetouchError {
  return new RetouchError({
    code: 'invalid_request',
    message,
    issues: [{ field, message: 'outside the shared folders' }],
  });
}
