// A feature chunk: the modules of a rarely used path (Edit Each, say) built apart as
// dist/lazy/<name>.js, loaded the first time one of its entry functions is called.
//
// In the edit runtime each boundary module (e.g. session's perform-each.js) is a stand-in whose
// functions load the chunk on first call. The chunk carries only what the runtime does not: every
// module it imports that the runtime holds anyway resolves to the runtime's own instance (one
// engine, one RetouchError, one connection pool, one zod), handed over when the chunk loads. Which
// names cross is worked out from the builds themselves (see `buildFeatureChunks`), so the runtime
// keeps only the names the chunk uses and nobody keeps a list by hand.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { featureStandIns } from './lazy-feature-stand-ins.mjs';

const pickName = '__retouchSharedPick';

/**
 * The chunk's side: its entry hands `load(shared)` to the runtime; every import that resolves to
 * a file in `ids` (the files the runtime has code from, by number) becomes a module reading that
 * file's names from `shared`. Each name is a pure call, so the names the chunk does not use
 * fall away and the names it does use can be read back from an unminified build.
 */
export function featureChunkBuild(extension, feature, ids, outfile, { minify }) {
  const entry = [
    `import { setShared } from 'feature-shared-registry';`,
    `export function load(shared) {`,
    `  setShared(shared);`,
    `  return [${feature.boundaries.map((boundary) => `require(${JSON.stringify(boundary.file)})`).join(', ')}];`,
    `}`,
  ].join('\n');
  const exportNames = new Map();
  const plugin = {
    name: `feature-chunk-${feature.name}`,
    setup(build) {
      build.onResolve({ filter: /^feature-shared-registry$/ }, () => ({
        path: 'registry',
        namespace: 'feature-shared-registry',
      }));
      build.onLoad({ filter: /.*/, namespace: 'feature-shared-registry' }, () => ({
        loader: 'js',
        contents: `let shared; export function setShared(value) { shared = value; }
          export function ${pickName}(file, name) { return shared[file][name]; }`,
      }));
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'feature-chunk' || args.namespace !== 'file') return undefined;
        if (args.kind === 'entry-point') return undefined;
        const found = await build.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: 'feature-chunk',
        });
        if (found.errors.length > 0 || found.external || !ids.has(found.path)) {
          return undefined;
        }
        return { path: found.path, namespace: 'feature-shared' };
      });
      build.onLoad({ filter: /.*/, namespace: 'feature-shared' }, async (args) => {
        const names = await exportsOf(args.path, exportNames);
        const file = ids.get(args.path);
        return {
          loader: 'js',
          resolveDir: process.cwd(),
          contents: [
            `import { ${pickName} } from 'feature-shared-registry';`,
            ...names.map(
              (name, n) =>
                `const v${n} = /* @__PURE__ */ ${pickName}(${file}, ${JSON.stringify(name)});`,
            ),
            `export { ${names.map((name, n) => `v${n} as ${name === 'default' ? 'default' : name}`).join(', ')} };`,
          ].join('\n'),
        };
      });
    },
  };
  return {
    ...extension,
    entryPoints: undefined,
    stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: `${feature.name}-chunk.js` },
    outdir: undefined,
    outfile,
    minify,
    write: minify,
    plugins: [plugin, ...extension.plugins.filter((other) => !other.name.startsWith('feature-'))],
  };
}

/** The names a module exports: as Node sees them (ES modules and CommonJS alike), or esbuild for TypeScript. */
async function exportsOf(file, cache) {
  if (!cache.has(file)) {
    // The extension's own TypeScript cannot be imported here: esbuild lists what it exports.
    const names = file.endsWith('.ts')
      ? Object.values(
          (
            await esbuild.build({
              entryPoints: [file],
              format: 'esm',
              write: false,
              metafile: true,
              outdir: 'unused',
              logLevel: 'silent',
            })
          ).metafile.outputs,
        )[0].exports
      : Object.keys(await import(pathToFileURL(file).href));
    cache.set(
      file,
      names.filter((name) => name === 'default' || /^[A-Za-z_$][\w$]*$/.test(name)),
    );
  }
  return cache.get(file);
}

/** The files whose code is in a build's output (not only named on the way). */
function filesWithCode(result) {
  const files = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0 && !/^[\w-]+:/.test(input)) files.add(absolute(input));
    }
  }
  return files;
}

/** Whether a module's source is nothing but re-exports (an index). */
function reexportsOnly(file) {
  const source = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/\b(export|import)\s[^;]*?\bfrom\s*['"][^'"]+['"];?/g, '');
  return source.trim() === '';
}

const absolute = (file) => (isAbsolute(file) ? file : resolve(process.cwd(), file));

/**
 * Builds the runtime and the feature chunks so each shares what the runtime holds: a probe of the
 * runtime (with every stand-in) says which files it keeps; an unminified probe of each chunk says
 * which of their names the chunk uses; then all are built for real, the runtime keeping those
 * names. Fails when a chunk would carry a second copy of something the runtime or another chunk
 * has (two instances of one module).
 */
export async function buildFeatureChunks(extension, featureFiles, lazyDir) {
  const features = await Promise.all(featureFiles.map(withNames));
  const outfile = (feature) => join(lazyDir, `${feature.name}.js`);
  const probe = await esbuild.build({
    ...extension,
    write: false,
    plugins: [...features.map((feature) => featureStandIns(feature)), ...extension.plugins],
  });
  // Each runtime file by number: the chunks name what they take by these, not by build paths.
  const ids = new Map([...filesWithCode(probe)].sort().map((file, id) => [file, id]));
  const files = [...ids.keys()];
  const probes = await Promise.all(
    features.map((feature) =>
      esbuild.build(
        featureChunkBuild(extension, feature, ids, outfile(feature), { minify: false }),
      ),
    ),
  );
  const shared = probes.map((chunkProbe) => {
    const names = new Map();
    const pattern = new RegExp(`${pickName}\\d*\\(\\s*(\\d+),\\s*("[^"]*")`, 'g');
    for (const match of chunkProbe.outputFiles[0].text.matchAll(pattern)) {
      const file = files[Number(match[1])];
      if (!names.has(file)) names.set(file, new Set());
      names.get(file).add(JSON.parse(match[2]));
    }
    return names;
  });
  const runtime = {
    ...extension,
    plugins: [
      ...features.map((feature, index) => featureStandIns(feature, shared[index], ids)),
      ...extension.plugins,
    ],
  };
  const [built, ...chunks] = await Promise.all([
    esbuild.build(runtime),
    ...features.map((feature) =>
      esbuild.build(featureChunkBuild(extension, feature, ids, outfile(feature), { minify: true })),
    ),
  ]);
  const seen = new Map([...filesWithCode(built)].map((file) => [file, 'the runtime']));
  const twice = [];
  probes.forEach((chunkProbe, index) => {
    for (const file of filesWithCode(chunkProbe)) {
      // Two copies of a file that only re-exports hold no state of their own.
      if (seen.has(file) && !reexportsOnly(file) && !features[index].copiesAllowed?.test(file))
        twice.push(`${file} (${features[index].name} chunk, ${seen.get(file)})`);
      else seen.set(file, `the ${features[index].name} chunk`);
    }
  });
  if (twice.length > 0) throw new Error(`Feature chunks: in two places: ${twice.join(', ')}`);
  return { runtime: built, chunks, shared };
}

/** The feature with each boundary's exported functions; anything else cannot be stood in for. */
async function withNames(feature) {
  const boundaries = [];
  for (const { file, names: given, kinds } of feature.boundaries) {
    // A TypeScript boundary (the extension's own code) names its functions; a built one is read.
    if (given) {
      boundaries.push({ file, names: given, kinds });
      continue;
    }
    const namespace = await import(pathToFileURL(file).href);
    const names = Object.keys(namespace);
    const notFunctions = names.filter((name) => typeof namespace[name] !== 'function');
    if (notFunctions.length > 0) {
      throw new Error(
        `${feature.name} chunk: ${file} exports more than functions: ${notFunctions.join(', ')}`,
      );
    }
    boundaries.push({ file, names, kinds });
  }
  return { ...feature, boundaries };
}
