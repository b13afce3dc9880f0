// Run by `pnpm build` after tsc. `retouch mcp` must answer its client's `tools/list` quickly, and
// most of its start was Node finding, reading and compiling ~430 small files of the MCP SDK, zod
// and ajv one by one. So dist/mcp/mcp-command.js, as tsc wrote it, is replaced by one minified
// file holding it and everything it imports statically. What loads later stays apart:
// - dynamic imports (the tools' work, loaded by the first tool call; usage and error wording)
//   are left as imports of the files tsc wrote beside it, so they keep their relative paths;
// - `@retouch/*` packages (the engine, the session, the providers) are left as imports, so a
//   static import of one at start would show as a loaded file (mcp-startup.test.ts watches that)
//   instead of hiding inside the bundle;
// - ../cli-version.js is shared with bin.js, which has loaded it already, and it reads
//   ../package.json relative to its own file.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const entry = 'dist/mcp/mcp-command.js';

/** @type {import('esbuild').Plugin} */
const keepLaterLoadsApart = {
  name: 'keep-later-loads-apart',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (
        args.kind === 'dynamic-import' ||
        args.path.startsWith('@retouch/') ||
        args.path === '../cli-version.js'
      ) {
        return { path: args.path, external: true };
      }
      return undefined;
    });
  },
};

/**
 * zod exports its ~60 translations of its error messages as `z.locales`, and the SDK's
 * `import * as z` keeps all of them (a third of the bundle, compiled at every start). Nothing
 * here switches locale: zod and the SDK word their errors with English, which stays.
 */
/** @type {import('esbuild').Plugin} */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
    }));
  },
};

/**
 * The server is given a validator that loads ajv on first use (lazy-json-schema-validator.ts),
 * but the SDK's server module still imports its default, ajv made at construction, and with it
 * ajv, ajv-formats and fast-uri. In the bundle that default is the same lazy validator, so none
 * of them is read or run before a confirmation needs one.
 */
/** @type {import('esbuild').Plugin} */
const lazyAjvDefault = {
  name: 'lazy-ajv-default',
  setup(pluginBuild) {
    const lazy = join(packageDir, 'dist/mcp/lazy-json-schema-validator.js');
    pluginBuild.onLoad(
      {
        filter:
          /@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]validation[\\/]ajv-provider\.js$/,
      },
      () => ({
        contents: `export { LazyJsonSchemaValidator as AjvJsonSchemaValidator } from ${JSON.stringify(lazy)};`,
        loader: 'js',
      }),
    );
  },
};

const result = await build({
  absWorkingDir: packageDir,
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  // The map chains to tsc's map, so a stack trace with --enable-source-maps still names src/.
  sourcemap: 'linked',
  sourcesContent: false,
  plugins: [keepLaterLoadsApart, englishOnlyZodLocales, lazyAjvDefault],
  logLevel: 'warning',
  metafile: true,
});

// Nothing of ours may be pulled in by accident besides the start-up files, nor ajv.
const ours = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules/'));
const expected = [
  'dist/mcp/mcp-command.js',
  'dist/mcp/mcp-server.js',
  'dist/mcp/tool-schemas.js',
  'dist/mcp/tool-list.js',
  'dist/mcp/lazy-json-schema-validator.js',
];
const unexpected = [
  ...ours.filter((path) => !expected.includes(path)),
  ...Object.keys(result.metafile.inputs).filter((path) =>
    /node_modules\/(ajv|fast-uri)/.test(path),
  ),
];
if (unexpected.length > 0) {
  throw new Error(
    `the mcp start-up bundle took in ${unexpected.join(', ')}: load it lazily, or add it to the list in scripts/bundle-mcp-start.mjs`,
  );
}
