import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Parsing OpenAI's 3 MB OpenAPI file takes seconds when the machine is busy; no test here is
  // about speed, so a slow machine must not fail one.
  test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 },
});
