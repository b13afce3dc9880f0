import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each test file starts a real emulator, which takes seconds when the machine is busy; no
    // test here is about speed, so a slow machine must not fail one.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
