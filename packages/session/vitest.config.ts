import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The emulator answers at the models' real sizes (1536×1024 for gpt-image-1), and results
    // are decoded and re-encoded to keep the source's framing: seconds each on a busy machine.
    testTimeout: 30_000,
  },
});
