// Types for what the tests read from the build script.
export const sharedModuleNames: Record<string, readonly string[]>;
