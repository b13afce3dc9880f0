import type { IncomingHttpHeaders } from 'node:http';

/** The key a request carries: `Authorization: Bearer K`, `Authorization: Key K` or `api-key: K`. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const match = /^\s*(bearer|key)\s+(.+?)\s*$/i.exec(auth);
    if (match) return match[2];
  }
  const apiKey = headers['api-key'];
  return typeof apiKey === 'string' && apiKey.trim() ? apiKey.trim() : undefined;
}

export type AuthOutcome = 'ok' | 'missing' | 'wrong';

/** With no keys configured every request passes; otherwise the presented key must be one of them. */
export function checkAuth(headers: IncomingHttpHeaders, keys: string[]): AuthOutcome {
  return checkKey(presentedKey(headers), keys);
}

/** Checks a key however it was presented. */
export function checkKey(key: string | undefined, keys: string[]): AuthOutcome {
  if (keys.length === 0) return 'ok';
  if (!key) return 'missing';
  return keys.includes(key) ? 'ok' : 'wrong';
}
