import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The README's example, with this package's import pointed at the build. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const code = /## Example[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!code) throw new Error('README.md has no ```ts example under "## Example"');
  const dist = pathToFileURL(join(packageDir, 'dist', 'index.js')).href;
  return code.replace("from '@retouch/session'", `from '${dist}'`);
}

describe('README example', () => {
  it('edits a folder of images, and run again sends nothing twice', {
    timeout: 60_000,
  }, async () => {
    // Inside node_modules so the example's other imports resolve as they would for a user.
    const scriptDir = join(packageDir, 'node_modules', '.cache', 'readme-example');
    await mkdir(scriptDir, { recursive: true });
    const script = join(scriptDir, `example-${process.pid}.mjs`);
    await writeFile(script, await readmeExample());
    const cwd = await mkdtemp(join(tmpdir(), 'retouch-session-readme-'));
    const run = () => promisify(execFile)(process.execPath, [script], { cwd });
    try {
      const first = await run();
      expect(first.stdout).toMatch(/photos\/a\.png done a\.retouch-1\.png/);
      expect(first.stdout).toMatch(/photos\/c\.png done c\.retouch-1\.png/);
      expect(first.stderr).toMatch(/3 of 3 done · 0 running · 0 left/);
      const results = (await readdir(join(cwd, 'photos', 'sepia'))).filter(
        (name) => !name.startsWith('.'),
      );
      expect(results.sort()).toEqual(['a.retouch-1.png', 'b.retouch-1.png', 'c.retouch-1.png']);
      const second = await run();
      expect(second.stdout).toMatch(/photos\/b\.png done-before/);
      expect(
        (await readdir(join(cwd, 'photos', 'sepia'))).filter((n) => !n.startsWith('.')),
      ).toHaveLength(3);
    } finally {
      await rm(cwd, { recursive: true, force: true });
      await rm(script, { force: true });
    }
  });
});
