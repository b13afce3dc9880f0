import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { modelTablesWithoutSources, sharedJsonModule } from '../../scripts/esbuild-plugins.mjs';

const packages = join(dirname(fileURLToPath(import.meta.url)), '../../../../packages');

/** A table as the bundle carries it: the module the plugin makes, run. */
async function bundled(table: string): Promise<{ value: unknown; bytes: number }> {
  const built = await esbuild.build({
    stdin: {
      contents: `import table from ${JSON.stringify(table)} with { type: 'json' }; module.exports = table;`,
      resolveDir: packages,
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify: true,
    write: false,
    logLevel: 'silent',
    plugins: [modelTablesWithoutSources],
  });
  const code = built.outputFiles[0]!.text;
  const module = { exports: {} as unknown };
  new Function('module', 'exports', code)(module, module.exports);
  return { value: module.exports, bytes: code.length };
}

describe('the model tables as the extension bundles them (scripts/esbuild-plugins.mjs)', () => {
  it.each([
    'provider-openai-compatible/dist/models/openai-compatible-models.json',
    'provider-google/dist/models/google-models.json',
    'provider-queue/dist/models/queue-models.json',
  ])(
    '%s: every model as written, without the notes on where each fact comes from',
    async (file) => {
      const path = join(packages, file);
      const { $comment: _comment, ...table } = JSON.parse(await readFile(path, 'utf8'));
      const models = table.models.map(({ facts: _facts, ...model }: { facts?: unknown }) => model);
      expect((await bundled(path)).value).toEqual({ ...table, sources: {}, models });
    },
  );

  it('spells a repeated part once: dated snapshots share their model’s capabilities and prices', async () => {
    const path = join(
      packages,
      'provider-openai-compatible/dist/models/openai-compatible-models.json',
    );
    const { value, bytes } = await bundled(path);
    type Model = { id: string; capabilities: object; pricing?: object };
    const models = (value as { models: Model[] }).models;
    const model = (id: string) => models.find((entry) => entry.id === id)!;
    expect(model('gpt-image-2-2026-04-21').capabilities).toBe(model('gpt-image-2').capabilities);
    expect(model('gpt-image-2-2026-04-21').pricing).toBe(model('gpt-image-2').pricing);
    // Smaller than the same table written out whole.
    expect(bytes).toBeLessThan(JSON.stringify(value).length * 0.75);
  });

  it('gives back any JSON value unchanged, shared parts and all', () => {
    const part = { sizes: ['1024x1024', '1536x1024'], n: { min: 1, max: 4 } };
    const value = { models: [{ id: 'a', part }, { id: 'b', part }, [part, 'x', null, 1.5, true]] };
    const module = sharedJsonModule(value);
    expect(module.match(/"1536x1024"/g)).toHaveLength(1);
    const run = new Function(`${module.replace('export default', 'return')}`) as () => unknown;
    expect(run()).toEqual(value);
    expect(() => sharedJsonModule(JSON.parse('{"__proto__": {"a": 1}}'))).toThrow();
  });
});
