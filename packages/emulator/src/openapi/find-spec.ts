import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SPEC_RELATIVE = join('shared', 'specs', 'openai-openapi.yaml');

/**
 * Finds OpenAI's OpenAPI description at run time, never copied into the package.
 * Order: RETOUCH_OPENAPI_SPEC, then every ancestor of this file (and of the cwd) looking for
 * `shared/specs/openai-openapi.yaml`, which finds `../shared` beside the repository.
 */
export function findOpenApiSpec(startDirs?: string[]): string | undefined {
  const fromEnv = process.env.RETOUCH_OPENAPI_SPEC;
  if (fromEnv && existsSync(fromEnv)) return resolve(fromEnv);
  const starts = startDirs ?? [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, SPEC_RELATIVE);
      if (existsSync(candidate)) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}
