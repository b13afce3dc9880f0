#!/usr/bin/env node
// Packages the real extension (apps/vscode) into the .vsix the suite installs, with the
// extension's own `package` script: esbuild bundle + `vsce package --no-dependencies`.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const vsixPath = join(repoDir, 'apps', 'vscode', 'dist', 'retouch.vsix');

if (process.env.RETOUCH_E2E_VSIX) {
  process.stderr.write(`[e2e] using RETOUCH_E2E_VSIX=${process.env.RETOUCH_E2E_VSIX}\n`);
} else {
  const started = Date.now();
  // Outside turbo (a plain `pnpm test:e2e`), the extension's workspace dependencies may be unbuilt.
  if (!process.env.TURBO_HASH) {
    execFileSync(
      'pnpm',
      ['turbo', 'run', 'build', '--filter=retouch^...', '--output-logs=errors-only'],
      {
        cwd: repoDir,
        stdio: 'inherit',
      },
    );
  }
  execFileSync('pnpm', ['--filter', 'retouch', 'run', 'package'], {
    cwd: repoDir,
    stdio: 'inherit',
  });
  if (!existsSync(vsixPath) || statSync(vsixPath).mtimeMs < started - 1000) {
    process.stderr.write(`[e2e] packaging did not produce ${vsixPath}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `[e2e] packaged ${vsixPath} in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
}
