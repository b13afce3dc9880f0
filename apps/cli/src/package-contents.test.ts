import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('the published package', () => {
  it('ships no test, fixture or fault-case file, and nothing that imports vitest', {
    timeout: 60_000,
  }, async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], {
      cwd: packageDir,
    });
    const files: string[] = JSON.parse(stdout)[0].files.map((file: { path: string }) => file.path);
    expect(files).toContain('dist/bin.js');
    expect(files.filter((file) => /\.test\.|__fixtures__|test-support|fault/.test(file))).toEqual(
      [],
    );
    const scripts = files.filter((file) => file.endsWith('.js'));
    for (const file of scripts) {
      expect(await readFile(join(packageDir, file), 'utf8'), file).not.toMatch(
        /from ['"]vitest['"]/,
      );
    }
  });
});
