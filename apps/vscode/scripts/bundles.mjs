// The esbuild options of every bundle the extension ships (scripts/build.mjs builds them; the
// unit tests build them elsewhere to look inside).
import { join } from 'node:path';
import {
  editRuntimeExternal,
  englishOnlyZodLocales,
  imageCodecChunkExternal,
  ipaddrChunk,
  modelTablesWithoutSources,
  pngjsChunk,
  providerChunksExternal,
  sharedWithEditRuntime,
  undiciLite,
  undiciProxyChunk,
} from './esbuild-plugins.mjs';
import { imageCodecChunk } from './image-codec-chunk.mjs';

/**
 * Edit Each (with its Batch API path): session's two batch runners and all they alone need
 * (core's editEach and Batch API runner, the journals) as dist/lazy/edit-each.js, built with the
 * runtime by lazy-feature-chunk.mjs. A single edit never loads it.
 */
export function editEachFeature(root) {
  const each = join(root, '../../packages/session/dist/each');
  return {
    name: 'edit-each',
    boundaryFilter: /^\.\/each\/perform-(batch-api-)?each\.js$/,
    boundaries: [
      { file: join(each, 'perform-each.js') },
      { file: join(each, 'perform-batch-api-each.js') },
    ],
  };
}

/** `root` is apps/vscode; `outdir` where the bundles go (dist/ for the real build). */
export function bundles({ root, outdir, watch = false }) {
  const extension = {
    entryPoints: {
      extension: join(root, 'src/extension.ts'),
      'edit-runtime': join(root, 'src/edit-runtime.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The image codec is its own chunk (below), so neither of these is ever in the runtime.
    external: ['vscode', 'sharp', 'heic-decode'],
    mainFields: ['module', 'main'],
    minify: !watch,
    sourcemap: watch ? 'inline' : false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [
      editRuntimeExternal,
      providerChunksExternal,
      imageCodecChunkExternal,
      undiciLite,
      englishOnlyZodLocales,
      modelTablesWithoutSources,
      pngjsChunk,
      ipaddrChunk,
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

  // dist/lazy/pngjs.js: the PNG decoder alone, loaded the first time markup is drawn onto a PNG.
  // Resolved from @retouch/core, whose dependency it is.
  const pngjsChunkBuild = {
    ...extension,
    entryPoints: undefined,
    stdin: {
      contents: "module.exports = require('pngjs');",
      resolveDir: join(root, '../../packages/core'),
      sourcefile: 'pngjs-chunk.js',
    },
    outdir: undefined,
    outfile: join(outdir, 'lazy/pngjs.js'),
    plugins: [],
  };

  // dist/lazy/ipaddr.js: the IP address reader alone, loaded when a result first arrives as a URL.
  const ipaddrChunkBuild = {
    ...pngjsChunkBuild,
    stdin: {
      ...pngjsChunkBuild.stdin,
      contents: "module.exports = require('ipaddr.js');",
      sourcefile: 'ipaddr-chunk.js',
    },
    outfile: join(outdir, 'lazy/ipaddr.js'),
  };

  // dist/lazy/undici-proxy.js: undici's proxy agents, loaded when an edit first goes through a proxy.
  const undiciProxyChunkBuild = undiciProxyChunk(
    extension,
    join(root, '../../packages/core'),
    join(outdir, 'lazy/undici-proxy.js'),
  );

  const codecChunk = imageCodecChunk(extension, root);

  const webview = {
    entryPoints: {
      'mask-painter': join(root, 'media/mask-painter.ts'),
      studio: join(root, 'media/studio.ts'),
    },
    outdir: join(outdir, 'webview'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: !watch,
    metafile: true,
    logLevel: 'warning',
  };

  return {
    extension,
    providerChunks,
    pngjsChunkBuild,
    ipaddrChunkBuild,
    undiciProxyChunkBuild,
    codecChunk,
    webview,
  };
}
