import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the kiosk for the browser tests; says loudly which tests skip for a missing tool.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite and scrypt are CPU-bound; two cores run two test files at a time well.
    maxWorkers: 2,
  },
});
