import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The README's example, with this package's imports pointed at the build. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const code = /## Example[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!code) throw new Error('README.md has no ```ts example under "## Example"');
  const dist = (file: string) => pathToFileURL(join(packageDir, 'dist', file)).href;
  return code
    .replace("from '@retouch/output/node'", `from '${dist('node.js')}'`)
    .replace("from '@retouch/output'", `from '${dist('index.js')}'`)
    .replace("'/tmp/my-script-rescued'", "'rescued'");
}

describe('README example', () => {
  it('runs as written and writes two results whose records it prints', {
    timeout: 60_000,
  }, async () => {
    // Inside node_modules so the example's other imports resolve as they would for a user.
    const scriptDir = join(packageDir, 'node_modules', '.cache', 'readme-example');
    await mkdir(scriptDir, { recursive: true });
    const script = join(scriptDir, `example-${process.pid}.mjs`);
    await writeFile(script, await readmeExample());
    const cwd = await mkdtemp(join(tmpdir(), 'retouch-readme-'));
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd });
      expect(stdout).toMatch(/photo\.retouch-1\.png image make it sepia/);
      expect(stdout).toMatch(/photo\.retouch-2\.png image make it sepia/);
      expect(stdout).toContain("path: '../photo.png'");
      expect((await readdir(join(cwd, 'photos', 'edited'))).sort()).toEqual([
        'photo.retouch-1.png',
        'photo.retouch-2.png',
      ]);
    } finally {
      await rm(cwd, { recursive: true, force: true });
      await rm(script, { force: true });
    }
  });
});
