// Types for what the tests read from the build script.
export const sharedModuleNames: Record<string, readonly string[]>;
export const pngjsChunk: import('esbuild').Plugin;
