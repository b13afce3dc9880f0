// The esbuild options of every bundle the extension ships (scripts/build.mjs builds them; the
// unit tests build them elsewhere to look inside).
import { join } from 'node:path';
import {
  editRuntimeExternal,
  englishOnlyZodLocales,
  googleChunkExternal,
  imageCodecChunkExternal,
  modelTablesWithoutSources,
  sharedWithEditRuntime,
  undiciLite,
} from './esbuild-plugins.mjs';
import { imageCodecChunk } from './image-codec-chunk.mjs';

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
      googleChunkExternal,
      imageCodecChunkExternal,
      undiciLite,
      englishOnlyZodLocales,
      modelTablesWithoutSources,
    ],
  };

  // dist/provider-google.js: Google's provider alone, sharing core and zod with the edit runtime.
  const googleChunk = {
    ...extension,
    entryPoints: { 'provider-google': join(root, 'src/host/google-provider-chunk.ts') },
    plugins: [editRuntimeExternal, sharedWithEditRuntime, modelTablesWithoutSources],
  };

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

  return { extension, googleChunk, codecChunk, webview };
}
