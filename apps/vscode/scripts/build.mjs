// Bundles the extension as two CommonJS files with `vscode` external, and the webview scripts of
// the mask painter and the Studio (each loaded only when its page opens). `node scripts/build.mjs --watch` rebuilds on change.
//
// - dist/extension.js is all VS Code loads at activation: command registration, settings, the
//   status bar, the pending-job check. It must stay small (the bench checks < 50 KB).
// - dist/edit-runtime.js is `require`d by it on the first command that edits, lists models or
//   resumes a job: the engine, the providers, undici and zod; dist/llhttp.wasm is undici's HTTP
//   parser, read when the first connection opens.
// - dist/provider-google.js, dist/provider-queue.js and dist/lazy/pngjs.js are required by the
//   edit runtime on first use of those providers, and of markup drawn onto a PNG.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import {
  editRuntimeExternal,
  englishOnlyZodLocales,
  modelTablesWithoutSources,
  pngjsChunk,
  providerChunksExternal,
  sharedWithEditRuntime,
  undiciLite,
  writeLlhttpWasm,
} from './esbuild-plugins.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

const extension = {
  entryPoints: {
    extension: join(root, 'src/extension.ts'),
    'edit-runtime': join(root, 'src/edit-runtime.ts'),
  },
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  mainFields: ['module', 'main'],
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [
    editRuntimeExternal,
    providerChunksExternal,
    undiciLite,
    englishOnlyZodLocales,
    modelTablesWithoutSources,
    pngjsChunk,
  ],
};

// dist/provider-google.js and dist/provider-queue.js: each provider alone, sharing core and zod
// with the edit runtime.
const providerChunks = {
  ...extension,
  entryPoints: {
    'provider-google': join(root, 'src/host/google-provider-chunk.ts'),
    'provider-queue': join(root, 'src/host/queue-provider-chunk.ts'),
  },
  plugins: [editRuntimeExternal, sharedWithEditRuntime, modelTablesWithoutSources],
};

// dist/lazy/pngjs.js: the PNG decoder alone, loaded the first time markup is drawn onto a PNG. Resolved
// from @retouch/core, whose dependency it is.
const pngjsChunkBuild = {
  ...extension,
  entryPoints: undefined,
  stdin: {
    contents: "module.exports = require('pngjs');",
    resolveDir: join(root, '../../packages/core'),
    sourcefile: 'pngjs-chunk.js',
  },
  outdir: undefined,
  outfile: join(root, 'dist/lazy/pngjs.js'),
  plugins: [],
};

const webview = {
  entryPoints: {
    'mask-painter': join(root, 'media/mask-painter.ts'),
    studio: join(root, 'media/studio.ts'),
  },
  outdir: join(root, 'dist/webview'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: !watch,
  metafile: true,
  logLevel: 'warning',
};

await rm(join(root, 'dist'), { recursive: true, force: true });
await mkdir(join(root, 'dist/webview'), { recursive: true });
await copyFile(join(root, 'media/mask-painter.css'), join(root, 'dist/webview/mask-painter.css'));
await copyFile(join(root, 'media/studio.css'), join(root, 'dist/webview/studio.css'));
// undici's HTTP parser, read by dist/edit-runtime.js (see undiciLite in esbuild-plugins.mjs).
await writeLlhttpWasm(join(root, 'dist'), join(root, '../../packages/core'));

if (watch) {
  for (const options of [extension, providerChunks, pngjsChunkBuild, webview]) {
    await (await esbuild.context(options)).watch();
  }
  console.log('Watching for changes…');
} else {
  const built = await Promise.all([
    esbuild.build(extension),
    esbuild.build(providerChunks),
    esbuild.build(pngjsChunkBuild),
    esbuild.build(webview),
  ]);
  const sizes = built
    .flatMap((result) => Object.entries(result.metafile.outputs))
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => `${file.replace(/^.*dist\//, 'dist/')}: ${kib(output.bytes)}`);
  console.log(sizes.join(', '));
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
