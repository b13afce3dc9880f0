// Types for what the tests read from the build script.
import type { BuildOptions, BuildResult } from 'esbuild';
import type { featureChunks } from './bundles.mjs';

export function buildFeatureChunks(
  extension: BuildOptions,
  features: ReturnType<typeof featureChunks>,
  lazyDir: string,
): Promise<{ runtime: BuildResult; chunks: BuildResult[]; shared: Map<string, Set<string>>[] }>;
