// Types for what the tests read from the build script.
export const sharedModuleNames: Record<string, readonly string[]>;
export const pngjsChunk: import('esbuild').Plugin;
export const ipaddrChunk: import('esbuild').Plugin;
export const undiciLite: import('esbuild').Plugin;
export function llhttpConstantsUsed(importer: string): string[] | undefined;
export const undiciProxyChunkFile: string;
export function undiciProxyChunk(
  extension: import('esbuild').BuildOptions,
  coreDir: string,
  outfile: string,
): import('esbuild').BuildOptions;
export function writeLlhttpWasm(outdir: string, resolveFrom: string): Promise<void>;
export const modelTablesWithoutSources: import('esbuild').Plugin;
export function sharedJsonModule(value: unknown): string;
