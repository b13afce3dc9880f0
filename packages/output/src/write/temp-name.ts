import { randomBytes } from 'node:crypto';

/** A hidden, unique name beside `name` for the bytes on their way in. */
export function tempName(name: string): string {
  return `.${name}.${randomBytes(6).toString('hex')}.tmp`;
}
