// Types for what the tests read from the build script.
export const libheifWasmFile: string;
export function writeLibheifWasm(outdir: string, extensionDir: string): Promise<void>;
