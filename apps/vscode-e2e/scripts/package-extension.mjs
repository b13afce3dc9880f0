#!/usr/bin/env node
// Packages the real extension (apps/vscode) into the .vsix the suite installs, with the
// extension's own `package` script: esbuild bundle + `vsce package --no-dependencies`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packagedVsix, repoDir } from './locations.mjs';

const builtVsix = join(repoDir, 'apps', 'vscode', 'dist', 'retouch.vsix');

/** Runs pnpm: the one running this script when there is one (`npx -y pnpm@10` puts none on PATH). */
function pnpm(args) {
  const self = process.env.npm_execpath;
  const [command, prefix] = self && /pnpm/.test(self) ? [process.execPath, [self]] : ['pnpm', []];
  execFileSync(command, [...prefix, ...args], { cwd: repoDir, stdio: 'inherit' });
}

if (process.env.RETOUCH_E2E_VSIX) {
  process.stderr.write(`[e2e] using RETOUCH_E2E_VSIX=${process.env.RETOUCH_E2E_VSIX}\n`);
} else {
  const started = Date.now();
  // Outside turbo (a plain `pnpm test:e2e`), the extension's workspace dependencies may be unbuilt.
  if (!process.env.TURBO_HASH) {
    pnpm(['turbo', 'run', 'build', '--filter=retouch^...', '--output-logs=errors-only']);
  }
  pnpm(['--filter', 'retouch', 'run', 'package']);
  if (!existsSync(builtVsix) || statSync(builtVsix).mtimeMs < started - 1000) {
    process.stderr.write(`[e2e] packaging did not produce ${builtVsix}\n`);
    process.exit(1);
  }
  // A copy the suite owns (the extension's own build cleans its dist/ folder), kept in this
  // clone: another clone running the suite at the same time packages its own.
  mkdirSync(dirname(packagedVsix), { recursive: true });
  copyFileSync(builtVsix, packagedVsix);
  process.stderr.write(
    `[e2e] packaged ${packagedVsix} in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
}
