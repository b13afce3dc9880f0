import { existsSync, readdirSync } from 'node:fs';
import { expect } from 'vitest';

/** Names in `dir` (not recursive), sorted. */
export function listFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Result files Retouch writes for `stem` (`stem.retouch-N.ext`). */
export function resultFiles(dir: string, stem: string): string[] {
  const pattern = new RegExp(
    `^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.retouch-\\d+\\.\\w+$`,
  );
  return listFiles(dir).filter((name) => pattern.test(name));
}

/** Waits (without a fixed sleep) until `stem.retouch-N.ext` exists and returns its names. */
export async function waitForResultFiles(
  dir: string,
  stem: string,
  timeout = 60_000,
): Promise<string[]> {
  await expect
    .poll(() => resultFiles(dir, stem).length, { timeout, interval: 200 })
    .toBeGreaterThan(0);
  return resultFiles(dir, stem);
}
