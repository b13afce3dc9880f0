import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The emulator answers at the models' real sizes (1248×1248 for gpt-image-2's `auto`):
    // encoding and signing that takes seconds on a busy machine.
    testTimeout: 30_000,
  },
});
