import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir } from '../test-support/images.js';
import { connectRetouchMcp, textOf } from '../test-support/mcp-client.js';
import { runCli } from '../test-support/run-cli.js';

// A module hook that prints every file the server loads, so a test can see what start-up costs.
const logLoads = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  'export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write("loaded " + r.url + "\\\\n"); return r; }'
));`)}`;

const engineModules = /\/(?:@retouch|packages)\/(?:core|session|output|provider-[\w-]+)\//;

let dir: string;
let open: { close(): Promise<void> } | undefined;

beforeEach(async () => {
  dir = await createWorkDir();
});
afterEach(async () => {
  await open?.close();
  open = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('retouch mcp start-up', () => {
  it('answers tools/list before the engine, the session or a provider is loaded; a call loads them', async () => {
    const connection = await connectRetouchMcp({
      cwd: dir,
      env: {},
      nodeArgs: ['--import', logLoads],
    });
    open = connection;
    const { tools } = await connection.client.listTools();
    expect(tools).toHaveLength(6);
    const atList = connection.stderr();
    // The SDK, zod and ajv come inside the one start-up file the build bundles (see
    // scripts/bundle-mcp-start.mjs), not as hundreds of files found and read one by one.
    expect(atList).toMatch(/loaded .*\/dist\/mcp\/mcp-command\.js/);
    expect(atList).not.toMatch(/loaded .*node_modules/);
    expect(atList.split('\n').filter((line) => engineModules.test(line))).toEqual([]);

    const presets = await connection.client.callTool({ name: 'list_presets', arguments: {} });
    expect(presets.isError).toBeFalsy();
    expect(connection.stderr()).toMatch(engineModules);
  });

  it('reports a broken config file to the tool call, and reads it again once it is fixed', async () => {
    const config = join(dir, 'retouch.config.json');
    await writeFile(config, '{ "maxCost": ');
    const connection = await connectRetouchMcp({ cwd: dir, env: {} });
    open = connection;
    expect((await connection.client.listTools()).tools).toHaveLength(6);
    const broken = await connection.client.callTool({ name: 'list_presets', arguments: {} });
    expect(broken.isError).toBe(true);
    expect(textOf(broken)).toContain('retouch.config.json');

    await writeFile(config, JSON.stringify({ presets: [{ name: 'pop', prompt: 'make it pop' }] }));
    const fixed = await connection.client.callTool({ name: 'list_presets', arguments: {} });
    expect(fixed.isError).toBeFalsy();
    expect(textOf(fixed)).toContain('pop');
  });

  it('refuses a bad flag at start, with the usage of retouch mcp', async () => {
    const money = await runCli(['mcp', '--max-cost', 'lots'], { cwd: dir });
    expect(money.code).toBe(2);
    expect(money.stderr).toMatch(/--max-cost must be an amount such as 0\.50.*retouch mcp --help/);
    const threshold = await runCli(['mcp', '--confirm-above', 'half'], { cwd: dir });
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/--confirm-above must be an amount such as 0\.50/);
    const unknown = await runCli(['mcp', '--budget', '5'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--budget.*retouch mcp --help/s);
    const key = await runCli(['mcp', '--api-key', 'sk-not-here'], { cwd: dir });
    expect(key.code).toBe(2);
    expect(key.stderr).toMatch(/Refusing --api-key/);
    expect(key.stderr).not.toContain('sk-not-here');
  });
});
