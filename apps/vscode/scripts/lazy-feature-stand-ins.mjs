// The edit runtime's side of a feature chunk (see lazy-feature-chunk.mjs): each boundary module
// becomes a stand-in that loads the chunk on first use, handing it the runtime's modules.

/**
 * The runtime's side: each boundary file becomes a stand-in. `shared` maps each file the chunk
 * takes from the runtime to the names it takes (empty for a first, probing build).
 */
export function featureStandIns(feature, shared = new Map(), ids = new Map()) {
  const files = new Map(feature.boundaries.map((boundary) => [boundary.file, boundary]));
  return {
    name: `feature-stand-ins-${feature.name}`,
    setup(build) {
      const namespace = `feature-stand-in-${feature.name}`;
      build.onResolve({ filter: feature.boundaryFilter }, async (args) => {
        if (args.pluginData === namespace) return undefined;
        const found = await build.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: namespace,
        });
        return files.has(found.path) ? { path: found.path, namespace } : undefined;
      });
      // One loader per chunk, holding what the runtime hands over; the stand-ins call into it.
      const loader = `feature-loader-${feature.name}`;
      build.onResolve({ filter: /^feature-loader$/, namespace }, () => ({
        path: feature.name,
        namespace: loader,
      }));
      build.onResolve({ filter: /^\.\/lazy\/.*\.js$/, namespace: loader }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onLoad({ filter: /.*/, namespace: loader }, () => {
        const sharedFiles = [...shared.keys()];
        const imports = sharedFiles.map(
          (file, at) =>
            `import { ${[...shared.get(file)].map((name, n) => `${name === 'default' ? 'default' : name} as s${at}_${n}`).join(', ')} } from ${JSON.stringify(file)};`,
        );
        // Read when the chunk loads (inside \`load\`), when every runtime module has run, so no
        // import cycle through a stand-in can hand over a value not yet set.
        const table = sharedFiles.map(
          (file, at) =>
            `${ids.get(file)}: { ${[...shared.get(file)].map((name, n) => `${JSON.stringify(name)}: s${at}_${n}`).join(', ')} }`,
        );
        return {
          loader: 'js',
          resolveDir: process.cwd(),
          contents: [
            ...imports,
            `let chunk;`,
            `export const load = () => (chunk ??= require(${JSON.stringify(`./lazy/${feature.name}.js`)}).load({ ${table.join(', ')} }));`,
          ].join('\n'),
        };
      });
      build.onLoad({ filter: /.*/, namespace }, (args) => {
        const boundary = files.get(args.path);
        const index = feature.boundaries.indexOf(boundary);
        return {
          loader: 'js',
          contents: [
            `import { load } from 'feature-loader';`,
            `const real = () => load()[${index}];`,
            ...boundary.names.map((name) => {
              const kind = boundary.kinds?.[name] ?? 'call';
              // A factory (a command's handler made at start) loads the chunk when the handler
              // runs; an object (a provider's batch API) when it is first looked into.
              if (kind === 'factory') {
                return `export function ${name}(...args) { return (...more) => real().${name}(...args)(...more); }`;
              }
              if (kind === 'object') {
                return `export function ${name}(...args) {
                  let made;
                  const target = () => (made ??= real().${name}(...args));
                  return new Proxy({}, {
                    get: (_, key) => target()[key],
                    has: (_, key) => key in target(),
                    ownKeys: () => Reflect.ownKeys(target()),
                    getOwnPropertyDescriptor: (_, key) => {
                      const found = Reflect.getOwnPropertyDescriptor(target(), key);
                      return found && { ...found, configurable: true };
                    },
                  });
                }`;
              }
              return `export function ${name}(...args) { return real().${name}(...args); }`;
            }),
          ].join('\n'),
        };
      });
    },
  };
}
