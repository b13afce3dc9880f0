// Types for what the tests read from the build script.
import type { BuildOptions, BuildResult } from 'esbuild';

export function buildFeatureChunks(
  extension: BuildOptions,
  feature: { name: string; boundaryFilter: RegExp; boundaries: { file: string }[] },
  outfile: string,
): Promise<{ runtime: BuildResult; chunk: BuildResult; shared: Map<string, Set<string>> }>;
