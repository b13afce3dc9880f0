// esbuild plugins for the extension bundle. Each one keeps code out of what ships; none changes
// what the bundled code does.
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
 * `@retouch/core/http` imports `request`, `Agent`, `ProxyAgent` and `EnvHttpProxyAgent` from
 * undici's root, which also loads fetch, WebSocket, EventSource, the cache, the mocks and every
 * interceptor (about 520 KB minified). Here the root is replaced by undici's own dispatcher and
 * api modules, and `request()` is undici's `makeDispatcher(api.request)` for callers that always
 * pass a dispatcher (core always does). An ES module, so esbuild fails the build if core ever
 * imports a name this does not export.
 *
 * Two more modules are left out: the request writer's FormData encoder (`web/fetch/body.js`,
 * loaded only for FormData bodies, which core never sends: multipart bodies are its own async
 * iterables), and the SIMD build of the llhttp parser, which resolves to the portable build that
 * undici falls back to anyway (same parser, one copy: 72 KB of base64 less).
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
        import EnvHttpProxyAgent from './lib/dispatcher/env-http-proxy-agent.js';
        import ProxyAgent from './lib/dispatcher/proxy-agent.js';
        export { Agent, EnvHttpProxyAgent, ProxyAgent };
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
    build.onResolve({ filter: /\/llhttp_simd-wasm\.js$/ }, (args) =>
      args.importer.includes('undici')
        ? { path: join(args.resolveDir, '../llhttp/llhttp-wasm.js') }
        : undefined,
    );
    build.onResolve({ filter: /\/web\/fetch\/body\.js$/ }, (args) =>
      args.importer.includes('/undici/lib/dispatcher/')
        ? { path: 'form-data-body', namespace: `${namespace}-stub` }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: `${namespace}-stub` }, () => ({
      loader: 'js',
      contents: `exports.extractBody = () => { throw new TypeError('This build of Retouch does not send FormData bodies.'); };`,
    }));
  },
};

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
