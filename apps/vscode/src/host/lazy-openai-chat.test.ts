import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
const apiKey = 'sk-lazy-openai-chat-test-0123456789';

interface Edited {
  images: number;
  previews: number;
  text?: string;
}

/** What the test drives: core's engine and the OpenAI-compatible provider, as bundled. */
interface Runtime {
  chunkLoaded(): boolean;
  edit(
    baseURL: string,
    wire: 'images' | 'chat',
    image: Uint8Array,
    stream: boolean,
  ): Promise<Edited>;
}

describe("the OpenAI-compatible provider's chat wire as a lazy chunk", () => {
  let dir: string;
  let emulator: Emulator;
  let runtime: Runtime;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retouch-lazy-openai-chat-'));
    emulator = await startEmulator({ apiKey, log: () => {} });
    // A runtime as scripts/bundles.mjs builds it over an entry that edits as the extension's
    // engine does, with the chat wire stood in for exactly as in the real build.
    const { extension } = bundles({ root, outdir: dir });
    await buildFeatureChunks(
      {
        ...extension,
        entryPoints: undefined,
        stdin: {
          contents: `
            import { createRegistry, editImage } from '@retouch/core';
            import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
            export const chunkLoaded = () =>
              Object.keys(require.cache).some((file) => file.endsWith('/lazy/openai-chat.js'));
            export async function edit(baseURL, wire, image, stream) {
              const provider = createRegistry([openAICompatiblePlugin])
                .createProvider('openai-compatible', { baseURL, apiKey: ${JSON.stringify(apiKey)}, wire });
              let previews = 0;
              const result = await editImage({
                provider, model: 'gpt-image-2', prompt: 'invert it', images: image,
                ...(stream ? { partialImages: 1 } : {}),
                onProgress: (event) => { if (event.type === 'partial-image') previews++; },
              });
              return { images: result.images.length, previews, text: result.images[0]?.revisedPrompt };
            }`,
          resolveDir: join(root, 'src'),
          sourcefile: 'runtime-entry.js',
        },
        outdir: undefined,
        outfile: join(dir, 'runtime.js'),
      },
      featureChunks(root).filter((feature) => feature.name === 'openai-chat'),
      join(dir, 'lazy'),
    );
    await writeLlhttpWasm(dir, join(root, '../../packages/core'));
    await writeFile(join(dir, 'package.json'), '{}');
    runtime = createRequire(join(dir, 'package.json'))('./runtime.js') as Runtime;
  }, 120_000);
  afterAll(async () => {
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const photo = encodePng({
    width: 32,
    height: 24,
    channels: 3,
    pixels: new Uint8Array(32 * 24 * 3).map((_, i) => (i * 7) % 256),
  });

  it('edits through the images API without loading the chunk', async () => {
    expect(runtime.chunkLoaded()).toBe(false);
    expect(await runtime.edit(`${emulator.url}/v1`, 'images', photo, false)).toMatchObject({
      images: 1,
    });
    expect(runtime.chunkLoaded()).toBe(false);
  });

  it('loads the chunk on the first chat edit, which answers with the image and its text', async () => {
    expect(await runtime.edit(`${emulator.url}/v1`, 'chat', photo, false)).toEqual({
      images: 1,
      previews: 0,
      text: 'Here is the edited image: I inverted the colours.',
    });
    expect(runtime.chunkLoaded()).toBe(true);
  });

  it('streams a chat edit from the chunk: the preview arrives before the answer ends', async () => {
    expect(await runtime.edit(`${emulator.url}/v1`, 'chat', photo, true)).toMatchObject({
      images: 1,
      previews: 1,
    });
  });
});
