// esbuild plugins for the extension bundle. Each one keeps code out of what ships; none changes
// what the bundled code does.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * `dist/extension.js` loads the edit runtime with `require('./edit-runtime.js')` on first use: that
 * require stays a require of the sibling file instead of being inlined into the activation file.
 */
export const editRuntimeExternal = {
  name: 'edit-runtime-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/edit-runtime\.js$/ }, (args) =>
      args.kind === 'require-call' ? { path: './edit-runtime.js', external: true } : undefined,
    );
  },
};

/**
 * The provider chunks (`dist/provider-google.js`, `dist/provider-queue.js`) are built apart and
 * loaded on first use of their provider. The modules they share with the edit runtime resolve to
 * the runtime's own instances (`sharedModules` in src/host/shared-modules.ts), so each chunk
 * carries only its provider's code.
 */
export const sharedWithEditRuntime = {
  name: 'shared-with-edit-runtime',
  setup(build) {
    const namespace = 'shared-with-edit-runtime';
    build.onResolve({ filter: /^(@retouch\/core(\/(http|provider))?|zod\/mini)$/ }, (args) => ({
      path: args.path,
      namespace,
    }));
    // An ES module naming each shared export, so esbuild fails the build when the provider
    // imports a name the runtime does not share.
    build.onLoad({ filter: /.*/, namespace }, (args) => {
      const names = sharedModuleNames[args.path] ?? [];
      const locals = names.map(
        (name, index) => `const v${index} = shared[${JSON.stringify(name)}];`,
      );
      const exported = names.map((name, index) => `v${index} as ${name}`).join(', ');
      return {
        loader: 'js',
        contents: [
          `const shared = require('./edit-runtime.js').sharedModules[${JSON.stringify(args.path)}];`,
          ...locals,
          `export { ${exported} };`,
        ].join('\n'),
      };
    });
  },
};

/** The names `sharedModules` (src/host/shared-modules.ts) holds, by module; a test checks they match. */
export const sharedModuleNames = {
  '@retouch/core/http': [
    'createFileBody',
    'createHttpClient',
    'fetchRequestedImages',
    'guardedDownload',
    'parseRetryAfter',
    'parseServerSentEvents',
    'readHttpError',
    'redactSecrets',
    'sanitizeServerText',
  ],
  '@retouch/core/provider': [
    'definePlugin',
    'errorFromAbortSignal',
    'httpUrlSchema',
    'isRetouchError',
    'modelCapabilitiesSchema',
    'modelTableEntrySchema',
    'modelTableSchema',
    'parsePluginConfig',
    'RetouchError',
    'responseLimitsSchema',
    'retouchErrorWith',
  ],
  'zod/mini': [
    '_default',
    'array',
    'boolean',
    'custom',
    'enum',
    'extend',
    'int',
    'maximum',
    'minimum',
    'minLength',
    'nullable',
    'number',
    'object',
    'optional',
    'partial',
    'pipe',
    'positive',
    'prefault',
    'record',
    'regex',
    'string',
    'transform',
    'unknown',
  ],
};

/**
 * The edit runtime requires `./provider-google.js` and `./provider-queue.js` on first use of
 * those providers: each require stays a require of the sibling file.
 */
export const providerChunksExternal = {
  name: 'provider-chunks-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/provider-(google|queue)\.js$/ }, (args) =>
      args.kind === 'require-call' ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * Core loads its image codec (`image/sharp-codec.js`: sharp, libheif, the BMP reader) with
 * `import('./sharp-codec.js')` only when an input needs preparing. In the runtime that stays a
 * load of the sibling `dist/image-codec.js` (built apart, see image-codec-chunk.mjs), never
 * inlined. Where that file or its platform's binaries are missing, core sends inputs as they
 * are with a note, and asks for a converted file where converting is the only way (a HEIC).
 */
export const imageCodecChunkExternal = {
  name: 'image-codec-chunk-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/sharp-codec\.js$/ }, (args) =>
      /[\\/]core[\\/]dist[\\/]image$/.test(args.resolveDir)
        ? { path: './image-codec.js', external: true }
        : undefined,
    );
  },
};

/**
 * `@retouch/core/http` imports `request`, `Agent`, `ProxyAgent` and `EnvHttpProxyAgent` from
 * undici's root, which also loads fetch, WebSocket, EventSource, the cache, the mocks and every
 * interceptor (about 520 KB minified). Here the root is replaced by undici's own dispatcher and
 * api modules, and `request()` is undici's `makeDispatcher(api.request)` for callers that always
 * pass a dispatcher (core always does). An ES module, so esbuild fails the build if core ever
 * imports a name this does not export.
 *
 * Three more modules are left out, each for a path core never takes:
 * - the request writer's FormData encoder (`web/fetch/body.js`, loaded only for FormData bodies;
 *   core's multipart bodies are its own async iterables);
 * - the HTTP/2 session (`client-h2.js`, used only when a connection negotiates h2, which undici
 *   offers only with `allowH2`, and core never sets it);
 * - the llhttp parser as base64 in JavaScript (72 KB, twice: SIMD and portable builds). The
 *   portable build ships as the binary `dist/llhttp.wasm` (54 KB, see `llhttpWasmFile`) and is
 *   read when the first connection opens; undici's SIMD attempt gets the same bytes.
 * And llhttp's table of constants (about 10 KB minified: methods, statuses, character classes
 * for the parser's generator) is cut to the few enums the HTTP/1.1 client reads from it (see
 * `llhttpConstantsUsed`).
 */
export const undiciLite = {
  name: 'undici-lite',
  setup(build) {
    const namespace = 'undici-lite';
    build.onResolve({ filter: /^undici$/ }, async (args) => {
      const found = await build.resolve('undici/package.json', {
        resolveDir: args.resolveDir,
        kind: 'require-call',
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: dirname(found.path), namespace };
    });
    build.onLoad({ filter: /.*/, namespace }, (args) => ({
      resolveDir: args.path,
      loader: 'js',
      contents: `
        import apiRequest from './lib/api/api-request.js';
        import Agent from './lib/dispatcher/agent.js';
        export { Agent };
        // A constructor that returns an object makes \`new\` yield that object: the real agent.
        export class ProxyAgent {
          constructor(options) { return new (require(${JSON.stringify(undiciProxyChunkFile)}).ProxyAgent)(options); }
        }
        export class EnvHttpProxyAgent {
          constructor(options) { return new (require(${JSON.stringify(undiciProxyChunkFile)}).EnvHttpProxyAgent)(options); }
        }
        export function request(url, options) {
          if (!options || !options.dispatcher) throw new TypeError('undici-lite: pass a dispatcher');
          const parsed = new URL(url);
          return apiRequest.call(options.dispatcher, {
            ...options,
            origin: parsed.origin,
            path: parsed.search ? parsed.pathname + parsed.search : parsed.pathname,
            method: options.method || (options.body ? 'PUT' : 'GET'),
          });
        }
      `,
    }));
    build.onResolve({ filter: /^\.\/lazy\/undici-proxy\.js$/ }, (args) =>
      args.namespace === namespace ? { path: args.path, external: true } : undefined,
    );
    leaveOutUnusedUndici(build, llhttpWasmFile);
  },
};

/**
 * The proxy agents (undici's ProxyAgent and EnvHttpProxyAgent with its SOCKS5 client, about
 * 17 KB minified) only serve users behind a proxy. The runtime's stand-ins above require
 * `dist/lazy/undici-proxy.js` the first time a proxy agent is created; the chunk carries its own
 * copy of undici's HTTP/1.1 client (the agents use nothing of the runtime's) and reads the same
 * `dist/llhttp.wasm`.
 */
export const undiciProxyChunkFile = './lazy/undici-proxy.js';

/** The proxy chunk's build from the runtime's options, with undici resolved from core as the runtime does. */
export function undiciProxyChunk(extension, coreDir, outfile) {
  return {
    ...extension,
    entryPoints: undefined,
    stdin: {
      // undici's root gives every dispatcher its api methods; ProxyAgent opens its tunnel with
      // \`connect\`, the one it uses, so the chunk adds that alone.
      contents: `require('./lib/dispatcher/dispatcher.js').prototype.connect ??= require('./lib/api/api-connect.js');
      module.exports = {
        ProxyAgent: require('./lib/dispatcher/proxy-agent.js'),
        EnvHttpProxyAgent: require('./lib/dispatcher/env-http-proxy-agent.js'),
      };`,
      resolveDir: dirname(
        createRequire(join(coreDir, 'package.json')).resolve('undici/package.json'),
      ),
      sourcefile: 'undici-proxy-chunk.js',
    },
    outdir: undefined,
    outfile,
    plugins: [
      {
        name: 'undici-proxy-stubs',
        setup: (build) => leaveOutUnusedUndici(build, `../${llhttpWasmFile}`),
      },
    ],
  };
}

/** The pieces of undici that neither the runtime nor the proxy chunk ever runs (see undiciLite). */
function leaveOutUnusedUndici(build, llhttpWasmPath) {
  const namespace = 'undici-lite';
  const stubs = {
    'form-data-body': {
      filter: /\/web\/fetch\/body\.js$/,
      contents: `exports.extractBody = () => { throw new TypeError('This build of Retouch does not send FormData bodies.'); };`,
    },
    'http2-session': {
      filter: /\/client-h2\.js$/,
      contents: `module.exports = () => { throw new Error('This build of Retouch speaks HTTP/1.1 only (undici allowH2 is off).'); };`,
    },
    'llhttp-wasm': {
      filter: /\/llhttp(_simd)?-wasm\.js$/,
      contents: `
          const { readFileSync } = require('node:fs');
          const { join } = require('node:path');
          let wasm;
          Object.defineProperty(module, 'exports', {
            get: () => (wasm ??= readFileSync(join(__dirname, ${JSON.stringify(llhttpWasmPath)}))),
          });`,
    },
  };
  for (const [name, stub] of Object.entries(stubs)) {
    build.onResolve({ filter: stub.filter }, (args) =>
      args.importer.includes('/undici/lib/')
        ? { path: name, namespace: `${namespace}-stub` }
        : undefined,
    );
  }
  build.onLoad({ filter: /.*/, namespace: `${namespace}-stub` }, (args) => ({
    loader: 'js',
    contents: stubs[args.path].contents,
  }));
  build.onResolve({ filter: /^\.\.\/llhttp\/constants\.js$/ }, (args) => {
    if (!args.importer.includes('/undici/lib/')) return undefined;
    const used = llhttpConstantsUsed(args.importer);
    return used
      ? {
          path: join(dirname(args.importer), args.path),
          namespace: `${namespace}-constants`,
          pluginData: used,
        }
      : undefined;
  });
  build.onLoad({ filter: /.*/, namespace: `${namespace}-constants` }, (args) => {
    const constants = createRequire(args.path)(args.path);
    return {
      loader: 'js',
      contents: args.pluginData
        .map((name) => `exports.${name} = ${JSON.stringify(constants[name])};`)
        .join('\n'),
    };
  });
}

/**
 * The names a module of undici reads from llhttp's constants: only ever as `constants.NAME`, each
 * a plain table (numbers by name) that JSON carries whole. Undefined when the module reads them
 * any other way, or one of them is not such a table: then the whole file is bundled as it is.
 */
export function llhttpConstantsUsed(importer) {
  const source = readFileSync(importer, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const binding = /^const constants = require\('\.\.\/llhttp\/constants\.js'\)$/m;
  if (!binding.test(source)) return undefined;
  // The variable, not a path or property of the same name (`../core/constants.js`).
  const uses = [...source.matchAll(/(?<![\w$./])constants\b(?!\s*=)(\.([A-Za-z_$][\w$]*))?/g)];
  // Every mention but the binding itself is a read of one name.
  if (uses.some((use) => use[2] === undefined)) return undefined;
  const names = [...new Set(uses.map((use) => use[2]))].sort();
  const constants = createRequire(importer)('../llhttp/constants.js');
  const plain = (value) =>
    value !== null &&
    typeof value === 'object' &&
    Object.values(value).every((entry) => typeof entry === 'number' || typeof entry === 'string');
  return names.length > 0 && names.every((name) => plain(constants[name])) ? names : undefined;
}

/** The llhttp parser's file name beside the bundles (written by `writeLlhttpWasm`). */
export const llhttpWasmFile = 'llhttp.wasm';

/** Writes undici's portable llhttp build as a binary next to the bundles. */
export async function writeLlhttpWasm(outdir, resolveFrom) {
  const require = createRequire(join(resolveFrom, 'package.json'));
  const undiciDir = dirname(require.resolve('undici/package.json'));
  const wasm = createRequire(join(undiciDir, 'package.json'))('./lib/llhttp/llhttp-wasm.js');
  await writeFile(join(outdir, llhttpWasmFile), wasm);
}

/**
 * The model tables' `sources`, `facts` and `$comment` say where each capability comes from: for
 * the people who keep them, checked by the providers' tests. The extension needs only the models.
 * Dated snapshots and variants repeat their model's capabilities and prices word for word, so the
 * table is written as a module where each repeated part is spelled once (`sharedJsonModule`).
 */
export const modelTablesWithoutSources = {
  name: 'model-tables-without-sources',
  setup(build) {
    build.onLoad({ filter: /[\\/]models[\\/][^\\/]*models\.json$/ }, async (args) => {
      const table = JSON.parse(await readFile(args.path, 'utf8'));
      if (!Array.isArray(table.models) || typeof table.sources !== 'object') return undefined;
      const { $comment: _comment, sources: _sources, ...rest } = table;
      const models = table.models.map(({ facts: _facts, ...model }) => model);
      return { loader: 'js', contents: sharedJsonModule({ ...rest, sources: {}, models }) };
    });
  },
};

/**
 * An ES module whose default export equals `value` (a JSON value), with every object or array
 * that occurs more than once (and is worth naming) written once as a constant and referred to
 * wherever it occurs. The parts are then shared, not copies: fine for data that is only read
 * (the providers validate their table into new objects at load).
 */
export function sharedJsonModule(value) {
  const text = (part) => JSON.stringify(part);
  const isTree = (part) => part !== null && typeof part === 'object';
  const seen = new Map();
  const count = (part) => {
    if (!isTree(part)) return;
    // An object literal reads `__proto__` as the prototype, where JSON made a property.
    if (!Array.isArray(part) && Object.hasOwn(part, '__proto__')) throw new Error('__proto__ key');
    seen.set(text(part), (seen.get(text(part)) ?? 0) + 1);
    for (const child of Object.values(part)) count(child);
  };
  count(value);
  const names = new Map();
  const constants = [];
  // Children first, so each constant is declared before one that uses it.
  const write = (part, top = false) => {
    if (!isTree(part)) return text(part);
    const key = text(part);
    if (names.has(key)) return names.get(key);
    const body = Array.isArray(part)
      ? `[${part.map((child) => write(child)).join(',')}]`
      : `{${Object.entries(part)
          .map(([name, child]) => `${text(name)}:${write(child)}`)
          .join(',')}}`;
    if (top || seen.get(key) < 2 || key.length < 24) return body;
    const name = `p${names.size}`;
    names.set(key, name);
    constants.push(`const ${name} = ${body};`);
    return name;
  };
  const root = write(value, true);
  return [...constants, `export default ${root};`].join('\n');
}

/**
 * zod re-exports every locale through `z.locales`, about 250 KB minified that the extension never
 * shows (zod configures English itself). Resolve the locale index to English only.
 */
export const englishOnlyZodLocales = {
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

/**
 * pngjs (about 29 KB minified) decodes PNGs only when the engine draws markup onto an image for a
 * model that takes no separate markup layer. The edit runtime gets a stand-in whose `PNG` loads
 * `dist/lazy/pngjs.js` (built by scripts/build.mjs from core's own pngjs) on first use, so no other edit loads it.
 */
export const pngjsChunk = {
  name: 'pngjs-chunk',
  setup(build) {
    const namespace = 'pngjs-chunk';
    build.onResolve({ filter: /^pngjs$/ }, () => ({ path: 'pngjs', namespace }));
    build.onResolve({ filter: /^\.\/lazy\/pngjs\.js$/, namespace }, () => ({
      path: './lazy/pngjs.js',
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace }, () => ({
      loader: 'js',
      contents: `
        let png;
        Object.defineProperty(exports, 'PNG', {
          enumerable: true,
          get: () => (png ??= require('./lazy/pngjs.js').PNG),
        });`,
    }));
  },
};

/**
 * ipaddr.js (about 13 KB minified) reads IP addresses only when a result arrives as a URL, to
 * refuse private-network downloads (core's result-url-rules). The edit runtime gets a stand-in
 * whose every property loads `dist/lazy/ipaddr.js` on first use; an edit whose images come back
 * in the response body never loads it.
 */
export const ipaddrChunk = {
  name: 'ipaddr-chunk',
  setup(build) {
    const namespace = 'ipaddr-chunk';
    build.onResolve({ filter: /^ipaddr\.js$/ }, () => ({ path: 'ipaddr.js', namespace }));
    build.onResolve({ filter: /^\.\/lazy\/ipaddr\.js$/, namespace }, () => ({
      path: './lazy/ipaddr.js',
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace }, () => ({
      loader: 'js',
      contents: `
        let ipaddr;
        const load = () => (ipaddr ??= require('./lazy/ipaddr.js'));
        // Asked by esbuild's interop when the module is imported, before any use: not a use.
        module.exports = new Proxy({}, {
          get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
          has: (_, key) => key in load(),
        });`,
    }));
  },
};
