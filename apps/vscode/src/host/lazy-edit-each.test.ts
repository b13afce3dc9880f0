import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from '@retouch/core/provider';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundles, featureChunks } from '../../scripts/bundles.mjs';
import { writeLlhttpWasm } from '../../scripts/esbuild-plugins.mjs';
import { buildFeatureChunks } from '../../scripts/lazy-feature-chunk.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const apiKey = 'sk-lazy-edit-each-test-0123456789';

/** What the test drives: the session and a provider, from the bundled runtime's own modules. */
interface Runtime {
  chunkLoaded(): boolean;
  each(dir: string, images: string[], baseURL: string, batchApi: boolean): Promise<string[]>;
  edit(dir: string, image: string, baseURL: string): Promise<number>;
  dryRun(
    dir: string,
    images: string[],
    baseURL: string,
  ): Promise<{ edits: number; doneBefore: number }>;
}

describe('Edit Each as a lazy chunk (scripts/lazy-feature-chunk.mjs)', () => {
  let dir: string;
  let emulator: Emulator;
  let shared: Map<string, Set<string>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retouch-lazy-edit-each-'));
    emulator = await startEmulator({ apiKey, log: () => {}, batchWindowMs: 8000 });
    // A runtime as scripts/bundles.mjs builds it, over an entry that runs Edit Each as the
    // extension's session does, and the chunk built beside it.
    const { extension } = bundles({ root, outdir: dir });
    const built = await buildFeatureChunks(
      {
        ...extension,
        entryPoints: undefined,
        stdin: {
          contents: `
            import { createRegistry } from '@retouch/core';
            import { nodeOutputFileSystem } from '@retouch/output/node';
            import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
            import { createSession } from '@retouch/session';
            export const chunkLoaded = () =>
              Object.keys(require.cache).some((file) => file.endsWith('/lazy/edit-each.js'));
            function sessionOf(dir, baseURL) {
              const provider = createRegistry([openAICompatiblePlugin])
                .createProvider('openai-compatible', { baseURL, apiKey: ${JSON.stringify(apiKey)} });
              const session = createSession({
                fs: nodeOutputFileSystem,
                tool: { name: 'lazy-edit-each-test', version: '0.0.0' },
                rescueFolder: dir + '/rescued',
                secrets: [${JSON.stringify(apiKey)}],
                imageInput: (path) => path,
              });
              return { provider, session };
            }
            export async function each(dir, images, baseURL, batchApi) {
              const { provider, session } = sessionOf(dir, baseURL);
              const plan = await session.plan({ provider, model: 'gpt-image-1', prompt: 'sepia', images, each: true });
              const outcome = batchApi ? await session.batchApiEach(plan) : await session.each(plan);
              return outcome.items.map((item) => item.outcome.status === 'failed' ? 'failed: ' + item.outcome.error?.message : item.outcome.status);
            }
            export async function edit(dir, image, baseURL) {
              const { provider, session } = sessionOf(dir, baseURL);
              const plan = await session.plan({ provider, model: 'gpt-image-1', prompt: 'sepia', images: [image] });
              const outcome = await session.edit(plan);
              return outcome.outputs.length;
            }
            export async function dryRun(dir, images, baseURL) {
              const { provider, session } = sessionOf(dir, baseURL);
              const plan = await session.plan({ provider, model: 'gpt-image-1', prompt: 'sepia', images, each: true });
              const { edits, doneBefore } = await session.dryRun(plan);
              return { edits, doneBefore };
            }`,
          resolveDir: join(root, 'src'),
          sourcefile: 'runtime-entry.js',
        },
        outdir: undefined,
        outfile: join(dir, 'runtime.js'),
      },
      // The chunk's packages half (the extension's own half needs VS Code): the session's batch
      // runners and OpenAI's Batch API, stood in for exactly as in the real build.
      featureChunks(root)
        .filter((feature) => feature.name === 'edit-each')
        .map((feature) => ({
          ...feature,
          boundaries: feature.boundaries.filter((boundary) => !boundary.file.endsWith('.ts')),
        })),
      join(dir, 'lazy'),
    );
    shared = built.shared[0]!;
    await writeLlhttpWasm(dir, join(root, '../../packages/core'));
    await writeFile(join(dir, 'package.json'), '{}');
  });
  afterAll(async () => {
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const images = async (folder: string, count: number) => {
    await mkdir(folder, { recursive: true });
    return Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const path = join(folder, `photo-${index}.png`);
        const pixels = new Uint8Array(32 * 24 * 3).map((_, i) => (i * (index + 3)) % 256);
        await writeFile(path, encodePng({ width: 32, height: 24, channels: 3, pixels }));
        return path;
      }),
    );
  };
  const results = async (folder: string) =>
    (await readdir(folder))
      .filter((name) => name.includes('.retouch-') && !name.startsWith('.'))
      .sort();

  it('shares the engine and its error type with the runtime instead of carrying copies', () => {
    const names = new Set([...shared.values()].flatMap((set) => [...set]));
    expect(names).toContain('editImage');
    expect(names).toContain('RetouchError');
  });

  it('loads the chunk on the first Edit Each, which edits each image, failures included', async () => {
    const require = createRequire(join(dir, 'package.json'));
    const runtime = require('./runtime.js') as Runtime;
    expect(runtime.chunkLoaded()).toBe(false);
    // A single edit goes through the same session object without loading the chunk.
    const [single] = await images(join(dir, 'single'), 1);
    expect(await runtime.edit(join(dir, 'single'), single!, `${emulator.url}/v1`)).toBe(1);
    expect(await results(join(dir, 'single'))).toHaveLength(1);
    expect(runtime.chunkLoaded()).toBe(false);
    const folder = join(dir, 'each');
    const photos = await images(folder, 3);
    emulator.setFaults([{ route: 'images.edits', afterRequests: 1, times: 1, status: 400 }]);
    const statuses = await runtime.each(folder, photos, `${emulator.url}/v1`, false);
    emulator.clearFaults();
    expect(statuses.filter((status) => status === 'done')).toHaveLength(2);
    expect(statuses.find((status) => status !== 'done')).toMatch(/^failed: .*HTTP 400/);
    expect(await results(folder)).toHaveLength(2);
    expect(runtime.chunkLoaded()).toBe(true);
    // The session's dry run (in the chunk too) reads that run's journal: two images are done.
    expect(await runtime.dryRun(folder, photos, `${emulator.url}/v1`)).toEqual({
      edits: 1,
      doneBefore: 2,
    });
  });

  it('runs Edit Each through the Batch API from the chunk', async () => {
    const require = createRequire(join(dir, 'package.json'));
    const runtime = require('./runtime.js') as Runtime;
    const folder = join(dir, 'batch');
    const photos = await images(folder, 2);
    const statuses = await runtime.each(folder, photos, `${emulator.url}/v1`, true);
    expect(statuses).toEqual(['done', 'done']);
    expect(await results(folder)).toHaveLength(2);
    expect(emulator.batches.size).toBe(1);
  }, 60_000);
});
