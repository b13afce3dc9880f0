import { createRequire } from 'node:module';

const manifest = createRequire(import.meta.url)('../package.json') as { version: string };

/** This package's version, for `--version` and the sidecar's `tool` field. */
export const cliVersion: string = manifest.version;
