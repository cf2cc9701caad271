import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the kiosk for the browser tests, or says loudly why they are skipped.
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite and scrypt are CPU-bound; two cores run two test files at a time well.
    maxWorkers: 2,
  },
});
