import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildResult } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundles, featureChunks } from '../../scripts/bundles.mjs';
import { buildFeatureChunks } from '../../scripts/lazy-feature-chunk.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The source files whose code is in a build's output, relative to apps/vscode. */
function sources(result: BuildResult): string[] {
  return Object.values(result.metafile!.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      // Stand-ins and other plugin modules (`namespace:path`) are not the source files.
      .filter(([file, input]) => input.bytesInOutput > 0 && !/^[\w-]+:/.test(file))
      .map(([file]) => relative(root, file)),
  );
}

describe('the edit runtime with its feature chunks, as scripts/build.mjs builds them', () => {
  let dir: string;
  let built: Awaited<ReturnType<typeof buildFeatureChunks>>;
  const features = featureChunks(root);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retouch-feature-chunks-'));
    const { extension } = bundles({ root, outdir: dir });
    built = await buildFeatureChunks(extension, features, join(dir, 'lazy'));
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps each rarely used command in its chunk, with a stand-in in the runtime', () => {
    const runtime = sources(built.runtime);
    features.forEach((feature, index) => {
      const chunk = sources(built.chunks[index]!);
      for (const boundary of feature.boundaries) {
        const file = relative(root, boundary.file);
        expect(chunk, `${feature.name}: ${file}`).toContain(file);
        expect(runtime, `${feature.name}: ${file}`).not.toContain(file);
      }
    });
    expect(sources(built.chunks[features.findIndex((f) => f.name === 'history')]!)).toContain(
      'src/history/discover-history.ts',
    );
  });

  it("hands each chunk the runtime's own instances of what both use", () => {
    const byName = new Map(features.map((feature, index) => [feature.name, built.shared[index]!]));
    const names = (feature: string) =>
      new Set([...byName.get(feature)!.values()].flatMap((set) => [...set]));
    // One engine, one RetouchError, one settings reader, one zod for the whole extension host.
    expect(names('setup-commands')).toContain('prepareProvider');
    expect(names('rescued-results')).toContain('vscodeOutputFileSystem');
    expect(names('mask-painter')).toContain('runEdit');
    expect(names('history')).toContain('runEdit');
    expect(names('edit-each')).toContain('editImage');
    expect(names('edit-each')).toContain('RetouchError');
    expect(names('edit-each')).toContain('object');
    expect(names('agent-tools')).toContain('editImageCommand');
    expect(names('openai-chat')).toContain('readOpenAIError');
    expect(names('openai-chat')).toContain('RetouchError');
  });

  it('stays under the host budget: the runtime and the activation file below 400 KB', () => {
    const bytesOf = (entry: string) =>
      Object.values(built.runtime.metafile!.outputs)
        .filter((output) => output.entryPoint?.endsWith(entry))
        .reduce((sum, output) => sum + output.bytes, 0);
    expect(bytesOf('src/edit-runtime.ts')).toBeGreaterThan(0);
    expect(bytesOf('src/extension.ts')).toBeGreaterThan(0);
    expect(bytesOf('src/edit-runtime.ts') + bytesOf('src/extension.ts')).toBeLessThan(400 * 1024);
  });
});
