// Types for what the tests read from the build script.
import type { BuildOptions } from 'esbuild';

export function bundles(options: { root: string; outdir: string; watch?: boolean }): {
  extension: BuildOptions & { metafile: true };
  providerChunks: BuildOptions & { metafile: true };
  pngjsChunkBuild: BuildOptions & { metafile: true };
  ipaddrChunkBuild: BuildOptions & { metafile: true };
  undiciProxyChunkBuild: BuildOptions & { metafile: true };
  codecChunk: BuildOptions & { metafile: true };
  webview: BuildOptions & { metafile: true };
};
export function featureChunks(root: string): {
  name: string;
  copiesAllowed?: RegExp;
  boundaryFilter: RegExp;
  boundaries: {
    file: string;
    names?: string[];
    kinds?: Record<string, 'call' | 'factory' | 'object'>;
  }[];
}[];
