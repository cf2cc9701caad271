import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite and scrypt are CPU-bound; two cores run two test files at a time well.
    maxWorkers: 2,
  },
});
