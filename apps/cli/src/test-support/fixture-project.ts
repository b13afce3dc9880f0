import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface FixtureProject {
  dir: string;
  /** Writes `node_modules/<name>` with the given package.json fields and files. */
  addPackage(
    name: string,
    manifest: Record<string, unknown>,
    files: Record<string, string>,
  ): Promise<void>;
  remove(): Promise<void>;
}

/**
 * A throwaway project folder in which a test installs fake npm packages, the way a user would
 * have a third-party plugin in their own project. `@retouch/core` is linked in, so a fixture
 * plugin can call the real definePlugin().
 */
export async function createFixtureProject(): Promise<FixtureProject> {
  const dir = await mkdtemp(join(tmpdir(), 'retouch-project-'));
  const coreDir = dirname(require.resolve('@retouch/core/package.json'));
  await mkdir(join(dir, 'node_modules', '@retouch'), { recursive: true });
  await symlink(coreDir, join(dir, 'node_modules', '@retouch', 'core'), 'dir');
  return {
    dir,
    async addPackage(name, manifest, files) {
      const packageDir = join(dir, 'node_modules', name);
      await mkdir(packageDir, { recursive: true });
      await writeFile(
        join(packageDir, 'package.json'),
        JSON.stringify({ name, version: '1.0.0', ...manifest }),
      );
      for (const [file, text] of Object.entries(files)) {
        await mkdir(dirname(join(packageDir, file)), { recursive: true });
        await writeFile(join(packageDir, file), text);
      }
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Module source for a minimal valid plugin with the given id, exported as `exportLine` says. */
export function pluginModuleSource(id: string, exportLine = 'export default plugin;'): string {
  return `import { definePlugin } from '@retouch/core';
const plugin = definePlugin({
  id: ${JSON.stringify(id)},
  displayName: ${JSON.stringify(id)},
  configSchema: { safeParse: (value) => ({ success: true, data: value }) },
  create: () => ({ specificationVersion: 'v1', id: ${JSON.stringify(id)}, models: [], edit: async () => ({ images: [] }) }),
});
${exportLine}
`;
}
