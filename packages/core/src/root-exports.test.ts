import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entries = { root: './index.ts', provider: './provider/index.ts' } as const;

/** Every name each entry exports, values and types alike, as a user's editor would list them. */
function exportedNames(): Record<keyof typeof entries, string[]> {
  const files = Object.values(entries).map((entry) =>
    fileURLToPath(new URL(entry, import.meta.url)),
  );
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const namesOf = (file: string) =>
    checker
      .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!)
      .map((exported) => exported.name);
  return { root: namesOf(files[0]!), provider: namesOf(files[1]!) };
}

describe('the root entry', () => {
  const names = exportedNames();

  it('exports at most 50 names, types included: what an app calls and the types it passes', () => {
    expect(names.root.length).toBeLessThanOrEqual(50);
    for (const name of ['editImage', 'editEach', 'resumeEdit', 'checkEdit', 'createRegistry']) {
      expect(names.root).toContain(name);
    }
    expect(names.root).toContain('RetouchError');
    expect(names.root).toContain('EditImageResult');
  });

  it('keeps the plugin-author names a plugin written against it imports, for now', () => {
    for (const name of ['definePlugin', 'EditCall', 'ProviderEditResult', 'PluginContext']) {
      expect(names.root).toContain(name);
      expect(names.provider).toContain(name);
    }
  });
}, 60_000);
