import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Subprocess tests start a real emulator and the built CLI; give them room on a 2-core CI box.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
