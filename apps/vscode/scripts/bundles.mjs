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
 * Rarely used paths built apart by lazy-feature-chunk.mjs, each loaded the first time one of its
 * boundary functions is called; what they share with the runtime stays the runtime's.
 * - dist/lazy/edit-each.js: Edit Each with its Batch API path (the extension's run of a batch,
 *   session's two batch runners and its dry run, core's editEach and Batch API runner, the
 *   journals, OpenAI's Files and Batches calls);
 * - dist/lazy/mask-painter.js: Edit with Mask and Edit with Markup: the painter's panel, page
 *   and saving;
 * - dist/lazy/history.js: Show History, with the readers of records found on disk;
 * - dist/lazy/setup-commands.js: Select Provider and Model, Set and Clear API Key;
 * - dist/lazy/rescued-results.js: what is shown when the output folder failed and results were
 *   saved in the extension's storage instead;
 * - dist/lazy/agent-tools.js: the language-model tools, loaded when an agent first calls one;
 * - dist/lazy/openai-chat.js: the OpenAI-compatible provider's chat wire (`/chat/completions` with
 *   image output: the body, the JSON and streamed answers), loaded on the first edit of a model
 *   that takes that wire (Gemini through OpenRouter, say); the images wire never loads it.
 * A boundary's `kinds` say how a function is stood in for: called (the default), a `factory`
 * whose handler loads the chunk when it runs, or an `object` loaded when first looked into.
 */
export function featureChunks(root) {
  const session = join(root, '../../packages/session/dist');
  const each = join(session, 'each');
  return [
    {
      name: 'edit-each',
      boundaryFilter:
        /^\.\/(each\/perform-(batch-api-)?each|run\/dry-run|run-each-edit|edit-each\/resume-edit-each-command|batch\/openai-batch-api)\.js$/,
      boundaries: [
        { file: join(each, 'perform-each.js') },
        { file: join(each, 'perform-batch-api-each.js') },
        // The session's dry run reads batch journals to count what an earlier run did; the
        // extension never asks for one, yet the session object holds it.
        { file: join(session, 'run/dry-run.js') },
        { file: join(root, 'src/edit-each/run-each-edit.ts'), names: ['runEachEdit'] },
        {
          file: join(root, 'src/edit-each/resume-edit-each-command.ts'),
          names: ['resumeEditEachCommand'],
          kinds: { resumeEditEachCommand: 'factory' },
        },
        {
          file: join(
            root,
            '../../packages/provider-openai-compatible/dist/batch/openai-batch-api.js',
          ),
          kinds: { createOpenAIBatchApi: 'object' },
        },
      ],
    },
    {
      name: 'history',
      boundaryFilter: /^\.\/history\/show-history-command\.js$/,
      boundaries: [
        {
          file: join(root, 'src/history/show-history-command.ts'),
          names: ['showHistoryCommand'],
          kinds: { showHistoryCommand: 'factory' },
        },
      ],
      // Edit Each reads records too; the reader keeps no state, so each chunk may hold a copy.
      copiesAllowed: /[\\/]output[\\/]dist[\\/]read[\\/]read-output-record\.js$/,
    },
    {
      name: 'setup-commands',
      boundaryFilter:
        /^\.\/(provider-selection\/select-provider-and-model|api-keys\/(set|clear)-api-key)-command\.js$/,
      boundaries: [
        {
          file: join(root, 'src/provider-selection/select-provider-and-model-command.ts'),
          names: ['selectProviderAndModelCommand'],
          kinds: { selectProviderAndModelCommand: 'factory' },
        },
        {
          file: join(root, 'src/api-keys/set-api-key-command.ts'),
          names: ['setApiKeyCommand'],
          kinds: { setApiKeyCommand: 'factory' },
        },
        {
          file: join(root, 'src/api-keys/clear-api-key-command.ts'),
          names: ['clearApiKeyCommand'],
          kinds: { clearApiKeyCommand: 'factory' },
        },
      ],
    },
    {
      name: 'rescued-results',
      boundaryFilter: /^(\.\.\/ui|\.)\/show-rescued-results\.js$/,
      boundaries: [
        { file: join(root, 'src/ui/show-rescued-results.ts'), names: ['showRescuedResults'] },
      ],
    },
    {
      name: 'agent-tools',
      boundaryFilter: /^\.\/agent-tools\/agent-tool-runtime\.js$/,
      boundaries: [
        {
          file: join(root, 'src/agent-tools/agent-tool-runtime.ts'),
          names: ['agentToolRuntime'],
          kinds: { agentToolRuntime: 'object' },
        },
      ],
    },
    {
      name: 'openai-chat',
      boundaryFilter: /^\.\/send-chat-edit\.js$/,
      boundaries: [
        { file: join(root, '../../packages/provider-openai-compatible/dist/send-chat-edit.js') },
      ],
      // zod's plumbing behind the `zod/mini` namespace, which Edit Each reaches too: empty once
      // bundled but for the global registry, which zod keeps on globalThis (one for all copies).
      copiesAllowed:
        /[\\/]zod[\\/](v4[\\/]core[\\/](memoizer|registries|doc|compile|to-json-schema|json-schema)|v4[\\/]mini[\\/](iso|coerce)|mini[\\/]index)\.js$/,
    },
    {
      name: 'mask-painter',
      boundaryFilter: /^\.\/mask-painter\/edit-with-(mask|markup)-command\.js$/,
      boundaries: [
        {
          file: join(root, 'src/mask-painter/edit-with-mask-command.ts'),
          names: ['editWithMaskCommand'],
          kinds: { editWithMaskCommand: 'factory' },
        },
        {
          file: join(root, 'src/mask-painter/edit-with-markup-command.ts'),
          names: ['editWithMarkupCommand'],
          kinds: { editWithMarkupCommand: 'factory' },
        },
      ],
    },
  ];
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
