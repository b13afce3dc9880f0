import { defineConfig } from 'vitest/config';

// One workbench at a time: each file runs its own code-server and Chromium, and the CI
// machine has two cores.
export default defineConfig({
  test: {
    include: ['src/**/*.e2e.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    retry: 0,
    reporters: ['default'],
  },
});
