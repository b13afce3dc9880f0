import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFixtureProject,
  type FixtureProject,
  pluginModuleSource,
} from '../test-support/fixture-project.js';
import { loadPlugin } from './load-plugin.js';

let project: FixtureProject;

beforeAll(async () => {
  project = await createFixtureProject();
  await project.addPackage(
    'retouch-provider-acme',
    { type: 'module', exports: { '.': { import: './dist/index.js' } } },
    { 'dist/index.js': pluginModuleSource('acme') },
  );
  await project.addPackage(
    '@scope/retouch-named',
    { type: 'module', main: './index.js' },
    {
      'index.js': pluginModuleSource(
        'named',
        'export const namedPlugin = plugin; export const other = 1;',
      ),
    },
  );
  await project.addPackage(
    'left-pad-ish',
    { type: 'module', exports: './index.js' },
    { 'index.js': 'export default function pad(s) { return s; }\nexport const version = 1;\n' },
  );
  await project.addPackage(
    'two-plugins',
    { type: 'module' },
    {
      'index.js': `${pluginModuleSource('one', 'export const a = plugin;')}
import { definePlugin as d } from '@retouch/core';
export const b = d({ id: 'two', displayName: 'two', configSchema: { safeParse: (v) => ({ success: true, data: v }) }, create: () => ({}) });`,
    },
  );
});

afterAll(() => project.remove());

describe('loadPlugin', () => {
  it('loads the built-in providers by id', async () => {
    expect((await loadPlugin('openai-compatible', project.dir)).plugin.id).toBe(
      'openai-compatible',
    );
    expect((await loadPlugin('queue', project.dir)).plugin.id).toBe('queue');
  });

  it('loads a plugin package installed in the project, from a subfolder too', async () => {
    const nested = join(project.dir, 'src', 'deep');
    await mkdir(nested, { recursive: true });
    const loaded = await loadPlugin('retouch-provider-acme', nested);
    expect(loaded).toMatchObject({ source: 'package', plugin: { id: 'acme' } });
  });

  it('loads a plugin module by path', async () => {
    await writeFile(join(project.dir, 'my-plugin.mjs'), pluginModuleSource('local-one'));
    expect(await loadPlugin('./my-plugin.mjs', project.dir)).toMatchObject({
      source: 'file',
      plugin: { id: 'local-one' },
    });
  });

  it('accepts a named export when there is no default plugin', async () => {
    expect((await loadPlugin('@scope/retouch-named', project.dir)).plugin.id).toBe('named');
  });

  it('refuses a package that is not a plugin, naming what it does export', async () => {
    await expect(loadPlugin('left-pad-ish', project.dir)).rejects.toThrow(
      /"left-pad-ish" is not a Retouch provider plugin: none of its exports \(default, version\)/,
    );
  });

  it('says how to install a package that is missing', async () => {
    await expect(loadPlugin('retouch-provider-nope', project.dir)).rejects.toThrow(
      /not installed here.*npm install retouch-provider-nope/,
    );
  });

  it('asks for a default export when a package holds several plugins', async () => {
    await expect(loadPlugin('two-plugins', project.dir)).rejects.toThrow(
      /several provider plugins \(one, two\)/,
    );
  });

  it('rejects a name that is neither a provider nor a package', async () => {
    await expect(loadPlugin('Not A Package!', project.dir)).rejects.toThrow(/is not a provider/);
  });
});
