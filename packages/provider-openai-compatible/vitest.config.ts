import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Parsing OpenAI's 3 MB OpenAPI file (the contract tests, and the emulator each test file
    // starts) takes seconds when the machine is busy; no test here is about speed, so a slow
    // machine must not fail one.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
