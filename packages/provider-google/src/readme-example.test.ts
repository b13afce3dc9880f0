import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The README's emulator example, with this package's import pointed at the build. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const code = /## Try it against the emulator[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!code)
    throw new Error('README.md has no ```js example under "## Try it against the emulator"');
  const dist = pathToFileURL(join(packageDir, 'dist', 'index.js')).href;
  return code.replace("from '@retouch/provider-google'", `from '${dist}'`);
}

describe('README example', () => {
  it('runs as written: a 16:9 2K edit against the emulator, and what it cost', {
    timeout: 60_000,
  }, async () => {
    // Inside node_modules so the example's other imports resolve as they would for a user.
    const scriptDir = join(packageDir, 'node_modules', '.cache', 'readme-example');
    await mkdir(scriptDir, { recursive: true });
    const script = join(scriptDir, `example-${process.pid}.mjs`);
    await writeFile(script, await readmeExample());
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [script]);
      expect(stdout).toContain('image/png 2752 1536 Here is the edited image.');
      expect(stdout).toMatch(/kind: 'actual'[\s\S]*currency: 'USD'[\s\S]*basis: 'usage'/);
    } finally {
      await rm(script, { force: true });
    }
  });
});
