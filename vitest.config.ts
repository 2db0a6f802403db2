import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ for the tests that start the compiled bot as users do (npm start, npm run deploy).
    globalSetup: ['test/support/global-setup.ts'],
    // End-to-end tests start child processes and local servers; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
