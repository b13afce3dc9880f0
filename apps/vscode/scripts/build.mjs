// Bundles the extension (one CommonJS file, `vscode` external, every runtime dependency inlined)
// and the mask painter's webview script. `node scripts/build.mjs --watch` rebuilds on change.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

/**
 * zod re-exports every locale through `z.locales`, about 250 KB minified that the extension never
 * shows (zod configures English itself). Resolve the locale index to English only.
 */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(build) {
    const namespace = 'zod-english-locales';
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/zod/')
        ? { path: join(dirname(args.importer), '../locales/index.js'), namespace }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      resolveDir: dirname(args.path),
    }));
  },
};

const extension = {
  entryPoints: [join(root, 'src/extension.ts')],
  outfile: join(root, 'dist/extension.js'),
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
  plugins: [englishOnlyZodLocales],
};

const webview = {
  entryPoints: [join(root, 'media/mask-painter.ts')],
  outfile: join(root, 'dist/webview/mask-painter.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: !watch,
  logLevel: 'warning',
};

await rm(join(root, 'dist'), { recursive: true, force: true });
await mkdir(join(root, 'dist/webview'), { recursive: true });
await copyFile(join(root, 'media/mask-painter.css'), join(root, 'dist/webview/mask-painter.css'));

if (watch) {
  for (const options of [extension, webview]) await (await esbuild.context(options)).watch();
  console.log('Watching for changes…');
} else {
  const [built] = await Promise.all([esbuild.build(extension), esbuild.build(webview)]);
  const bytes = Object.values(built.metafile.outputs).reduce(
    (sum, output) => sum + output.bytes,
    0,
  );
  console.log(`dist/extension.js: ${(bytes / 1024).toFixed(0)} KiB`);
}
