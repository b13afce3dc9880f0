// dist/image-codec.js: core's image codec, built apart and loaded on the first input that needs
// preparing (a turned camera photo, a 24-megapixel JPEG, a HEIC). Activation never loads it.
//
// - sharp's JavaScript is bundled in; its native half (sharp.node and libvips) is per platform and
//   is required at run time from dist/node_modules/@img/ (put there by package-vsix.mjs for the
//   .vsix's target).
// - libheif (HEIC) is WebAssembly and the same on every platform: its JavaScript glue is bundled
//   in, and the 1.4 MB module ships as the binary dist/libheif.wasm, read on the first HEIC only.
import { copyFile, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The file beside the bundles that libheif's glue reads on the first HEIC. */
export const libheifWasmFile = 'libheif.wasm';

/** Where core's codec module is: the chunk's entry (it is not in core's exports map on purpose). */
export function codecEntry(extensionDir) {
  const require = createRequire(join(extensionDir, 'package.json'));
  const coreDir = dirname(require.resolve('@retouch/core/package.json'));
  return join(coreDir, 'dist/image/sharp-codec.js');
}

/**
 * heic-decode loads `libheif-js/wasm-bundle`, which carries the WebAssembly as base64 inside
 * 2 MB of JavaScript. Here it is libheif's plain glue (90 KB) given the binary from beside the
 * chunk instead. The glue instantiates the module synchronously, so `ready` holds as before.
 */
export const libheifWasmBeside = {
  name: 'libheif-wasm-beside',
  setup(build) {
    const namespace = 'libheif-wasm-beside';
    build.onResolve({ filter: /^libheif-js\/wasm-bundle$/ }, (args) => ({
      path: args.resolveDir,
      namespace,
    }));
    build.onLoad({ filter: /.*/, namespace }, (args) => ({
      resolveDir: args.path,
      loader: 'js',
      contents: `
        const { readFileSync } = require('node:fs');
        const { join } = require('node:path');
        const libheif = require('libheif-js/libheif-wasm/libheif.js');
        module.exports = libheif({ wasmBinary: readFileSync(join(__dirname, ${JSON.stringify(libheifWasmFile)})) });`,
    }));
  },
};

/**
 * sharp's ES build makes its own `require` from `import.meta.url`, which a CommonJS bundle does
 * not have: the chunk takes sharp's CommonJS build, whose requires esbuild sees.
 */
export const sharpCommonJs = {
  name: 'sharp-commonjs',
  setup(build) {
    const again = 'sharp-commonjs';
    build.onResolve({ filter: /^sharp$/ }, async (args) => {
      if (args.pluginData === again) return undefined;
      const found = await build.resolve('sharp', {
        kind: 'require-call',
        resolveDir: args.resolveDir,
        pluginData: again,
      });
      return found.errors.length > 0 ? { errors: found.errors } : { path: found.path };
    });
    // sharp first tries a binary built from source (`require(\`../src/build/Release/…\`)`),
    // which the .vsix never has: that try fails as a missing module, as it does in a plain install
    // from npm, and sharp goes on to @img/.
    build.onLoad({ filter: /[\\/]sharp[\\/]dist[\\/]sharp\.cjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const fromSource = /require\(`\.\.\/src\/build\/Release\//g;
      if (!fromSource.test(source)) {
        return {
          errors: [{ text: 'sharp no longer loads a source build the way this plugin expects' }],
        };
      }
      return {
        loader: 'js',
        contents: source.replace(fromSource, 'notBuiltFromSource(`') + notBuiltFromSource,
      };
    });
  },
};

const notBuiltFromSource = `
function notBuiltFromSource(path) {
  const error = new Error("Cannot find module '" + path + "'");
  error.code = 'MODULE_NOT_FOUND';
  throw error;
}`;

/**
 * The chunk's entry: core's codec module, whose load fails in one line a user can read where
 * sharp's binaries are missing (a .vsix packed without them). sharp's own message is a page of
 * npm advice meant for developers; core shows the first line of this one in its note.
 */
export function codecEntryWithPlainFailure(extensionDir) {
  const namespace = 'image-codec-entry';
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: /^retouch:image-codec$/ }, () => ({ path: 'entry', namespace }));
      build.onLoad({ filter: /.*/, namespace }, () => ({
        loader: 'js',
        resolveDir: extensionDir,
        contents: `
          let codec;
          try {
            codec = require(${JSON.stringify(codecEntry(extensionDir))});
          } catch (error) {
            if (!/^Could not load the "sharp" module/.test(error?.message)) throw error;
            throw new Error(
              \`this install of Retouch has no image codec for \${process.platform}-\${process.arch} (sharp's native files are missing)\`,
              { cause: error },
            );
          }
          export const createSharpCodec = codec.createSharpCodec;`,
      }));
    },
  };
}

/** esbuild options for dist/image-codec.js, on top of the extension's own. */
export function imageCodecChunk(base, extensionDir) {
  return {
    ...base,
    entryPoints: { 'image-codec': 'retouch:image-codec' },
    // sharp requires its binary as `@img/sharp-<platform>/sharp.node`: resolved at run time from
    // dist/node_modules, where the packaging put the .vsix's platform (and only that one).
    external: ['@img/sharp-*'],
    plugins: [codecEntryWithPlainFailure(extensionDir), sharpCommonJs, libheifWasmBeside],
  };
}

/** Copies libheif's WebAssembly module (and its licence) next to the chunk. */
export async function writeLibheifWasm(outdir, extensionDir) {
  const entry = codecEntry(extensionDir);
  const fromCore = createRequire(entry);
  const heicDecodeDir = dirname(fromCore.resolve('heic-decode/package.json'));
  const fromHeicDecode = createRequire(join(heicDecodeDir, 'package.json'));
  const libheifDir = dirname(fromHeicDecode.resolve('libheif-js/package.json'));
  await copyFile(join(libheifDir, 'libheif-wasm', libheifWasmFile), join(outdir, libheifWasmFile));
  await copyFile(join(libheifDir, 'LICENSE'), join(outdir, 'libheif.LICENSE.txt'));
}
