import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readVsixEntries } from './vsix-entries.js';

const dir = mkdtempSync(join(tmpdir(), 'vsix-entries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hasZip(): boolean {
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('readVsixEntries', () => {
  it.skipIf(!hasZip())('lists every file with its uncompressed size', () => {
    writeFileSync(join(dir, 'extension.js'), 'x'.repeat(5000));
    writeFileSync(join(dir, 'package.json'), '{}');
    const zip = join(dir, 'test.vsix');
    execFileSync('zip', ['-q', '-9', '-z', zip, 'extension.js', 'package.json'], {
      cwd: dir,
      input: 'a comment at the end',
    });
    expect(readVsixEntries(zip)).toEqual([
      { name: 'extension.js', bytes: 5000 },
      { name: 'package.json', bytes: 2 },
    ]);
  });

  it('refuses a file that is not a zip', () => {
    const notZip = join(dir, 'not.vsix');
    writeFileSync(notZip, 'hello');
    expect(() => readVsixEntries(notZip)).toThrow(/not a zip/);
  });
});
