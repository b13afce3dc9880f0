import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { usageError } from '../args/parse-command-args.js';

/**
 * The images a command names, with glob patterns expanded for shells that do not expand them
 * (`"photos/*.png"`, `**\/*.jpg` in cmd.exe). A name that exists as a file is taken as it is,
 * even if it looks like a pattern. Absolute paths, in the order given (each pattern's matches
 * sorted), without duplicates.
 */
export async function expandInputs(names: readonly string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of names) {
    const path = resolve(cwd, name);
    if (!isDynamicPattern(name) || (await isFile(path))) {
      found.push(path);
      continue;
    }
    const matches = await glob(name, { cwd, absolute: true, onlyFiles: true, dot: false });
    if (matches.length === 0) throw usageError('edit', `No file matches "${name}"`, 'images');
    found.push(...matches.sort());
  }
  return [...new Set(found)];
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
