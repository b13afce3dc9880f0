import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from './load-config.js';

let root: string;
let cwd: string;
let home: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'retouch-config-'));
  cwd = join(root, 'project');
  home = join(root, 'home');
  await mkdir(cwd, { recursive: true });
  await mkdir(join(home, '.config', 'retouch'), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadConfigFile', () => {
  it('finds nothing when there is no config, which is fine', async () => {
    expect(await loadConfigFile({ cwd, env: {}, home })).toBeUndefined();
  });

  it('reads ~/.config/retouch/config.json', async () => {
    await writeFile(join(home, '.config', 'retouch', 'config.json'), '{"provider":"queue"}');
    const loaded = await loadConfigFile({ cwd, env: {}, home });
    expect(loaded).toMatchObject({ kind: 'user', data: { provider: 'queue' } });
  });

  it('prefers ./retouch.config.json and marks it as a workspace file', async () => {
    await writeFile(join(home, '.config', 'retouch', 'config.json'), '{"provider":"queue"}');
    await writeFile(join(cwd, 'retouch.config.json'), '{"model":"gpt-image-1"}');
    const loaded = await loadConfigFile({ cwd, env: {}, home });
    expect(loaded).toMatchObject({ kind: 'workspace', data: { model: 'gpt-image-1' } });
  });

  it('uses --config or RETOUCH_CONFIG over discovery, and fails when that file is missing', async () => {
    await writeFile(join(cwd, 'retouch.config.json'), '{"model":"a"}');
    await writeFile(join(root, 'mine.json'), '{"model":"b"}');
    expect(
      await loadConfigFile({ cwd, env: {}, home, explicitPath: '../mine.json' }),
    ).toMatchObject({
      kind: 'explicit',
      data: { model: 'b' },
    });
    expect(
      await loadConfigFile({ cwd, env: { RETOUCH_CONFIG: join(root, 'mine.json') }, home }),
    ).toMatchObject({ kind: 'explicit' });
    await expect(loadConfigFile({ cwd, env: {}, home, explicitPath: 'nope.json' })).rejects.toThrow(
      /does not exist/,
    );
  });

  it('explains a malformed file without quoting its values', async () => {
    await writeFile(
      join(cwd, 'retouch.config.json'),
      '{"providers":{"queue":{"apiKey":12345678901}}}',
    );
    const error = await loadConfigFile({ cwd, env: {}, home }).catch((e: Error) => e);
    expect(String(error)).toMatch(/providers\.queue\.apiKey" must be a string/);
    expect(String(error)).not.toContain('12345678901');
    await writeFile(join(cwd, 'retouch.config.json'), '{ not json');
    await expect(loadConfigFile({ cwd, env: {}, home })).rejects.toThrow(/not valid JSON/);
  });

  it.skipIf(process.platform === 'win32')('notices a key file that others can read', async () => {
    const path = join(home, '.config', 'retouch', 'config.json');
    await writeFile(path, '{"providers":{"queue":{"apiKey":"k-123456"}}}');
    await chmod(path, 0o644);
    expect((await loadConfigFile({ cwd, env: {}, home }))?.readableByOthers).toBe(true);
    await chmod(path, 0o600);
    expect((await loadConfigFile({ cwd, env: {}, home }))?.readableByOthers).toBe(false);
  });
});
