import { defineConfig } from 'vitest/config';

// Unit tests cover the modules that do not need VS Code; the extension host and UI are tested
// by the code-server suite in e2e/.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'] },
});
