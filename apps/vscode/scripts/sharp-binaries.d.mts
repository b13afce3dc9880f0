// Types for what the tests read from the packaging script.
/** The folders of sharp's native packages for a .vsix target, by package name. */
export function sharpBinaries(
  target: string,
  locations: { extensionDir: string; repoDir: string; cacheDir: string },
): Record<string, string>;
