import { randomBytes } from 'node:crypto';

/**
 * A hidden, unique name beside `name` for the bytes on their way in. It carries the writing
 * process's id, so a later run can tell the temporary file of a writer that died (a crash, a
 * kill) from one still being written (see `sweepStaleTemps`).
 */
export function tempName(name: string): string {
  return `.${name}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

/** `.hero.retouch-1.png.4242-0123456789ab.tmp` (and the older `.….0123456789ab.tmp`). */
const tempPattern = /^\.(.+)\.(?:(\d{1,10})-)?[0-9a-f]{12}\.tmp$/;

/** What a temporary file's name says: the name it was for and who wrote it, or undefined if not ours. */
export function parseTempName(entry: string): { target: string; pid?: number } | undefined {
  const match = tempPattern.exec(entry);
  if (!match) return undefined;
  return { target: match[1]!, ...(match[2] ? { pid: Number(match[2]) } : {}) };
}
