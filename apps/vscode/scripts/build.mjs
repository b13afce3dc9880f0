// Bundles the extension as two CommonJS files with `vscode` external, and the webview scripts of
// the mask painter and the Studio (each loaded only when its page opens). `node scripts/build.mjs --watch` rebuilds on change.
//
// - dist/extension.js is all VS Code loads at activation: command registration, settings, the
//   status bar, the pending-job check. It must stay small (the bench checks < 50 KB).
// - dist/edit-runtime.js is `require`d by it on the first command that edits, lists models or
//   resumes a job: the engine, the providers, undici and zod; dist/llhttp.wasm is undici's HTTP
//   parser, read when the first connection opens.
// - dist/image-codec.js is loaded by the runtime on the first input that needs preparing (see
//   image-codec-chunk.mjs); sharp's native half comes from dist/node_modules (package-vsix.mjs).
// - dist/provider-google.js, dist/provider-queue.js and dist/lazy/pngjs.js are required by the
//   edit runtime on first use of those providers, and of markup drawn onto a PNG;
//   dist/lazy/edit-each.js on the first Edit Each, dist/lazy/mask-painter.js when the painter
//   first opens, dist/lazy/openai-chat.js on the first edit through the chat wire, and the others
//   bundles.mjs lists (lazy-feature-chunk.mjs; a --watch build keeps them inside the runtime);
//   dist/lazy/ipaddr.js on the first result that arrives as a URL, and dist/lazy/undici-proxy.js
//   on the first edit through a proxy.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { bundles, featureChunks } from './bundles.mjs';
import { writeLlhttpWasm } from './esbuild-plugins.mjs';
import { writeLibheifWasm } from './image-codec-chunk.mjs';
import { buildFeatureChunks } from './lazy-feature-chunk.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const {
  extension,
  providerChunks,
  pngjsChunkBuild,
  ipaddrChunkBuild,
  undiciProxyChunkBuild,
  codecChunk,
  webview,
} = bundles({
  root,
  outdir: join(root, 'dist'),
  watch,
});

await rm(join(root, 'dist'), { recursive: true, force: true });
await mkdir(join(root, 'dist/webview'), { recursive: true });
await copyFile(join(root, 'media/mask-painter.css'), join(root, 'dist/webview/mask-painter.css'));
await copyFile(join(root, 'media/studio.css'), join(root, 'dist/webview/studio.css'));
// undici's HTTP parser, read by dist/edit-runtime.js (see undiciLite in esbuild-plugins.mjs).
await writeLlhttpWasm(join(root, 'dist'), join(root, '../../packages/core'));
await writeLibheifWasm(join(root, 'dist'), root);

if (watch) {
  for (const options of [
    extension,
    providerChunks,
    pngjsChunkBuild,
    ipaddrChunkBuild,
    undiciProxyChunkBuild,
    codecChunk,
    webview,
  ]) {
    await (await esbuild.context(options)).watch();
  }
  console.log('Watching for changes…');
} else {
  const withFeatures = await buildFeatureChunks(
    extension,
    featureChunks(root),
    join(root, 'dist/lazy'),
  );
  const built = await Promise.all([
    withFeatures.runtime,
    ...withFeatures.chunks,
    esbuild.build(providerChunks),
    esbuild.build(pngjsChunkBuild),
    esbuild.build(ipaddrChunkBuild),
    esbuild.build(undiciProxyChunkBuild),
    esbuild.build(codecChunk),
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
