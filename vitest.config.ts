import { defineConfig } from 'vitest/config';

/**
 * Tests that start processes, local servers or large corpora. The rest is the fast unit
 * project (`npm run test:unit`); `npm test` runs both.
 */
const SLOW = [
  'test/e2e/**/*.test.ts',
  'test/app/**/*.test.ts',
  'test/support/**/*.test.ts',
  'test/transports/discord/dispatch.test.ts',
  'test/transports/discord/pages-memory.test.ts',
];

export default defineConfig({
  test: {
    // End-to-end tests start child processes and local servers; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: SLOW } },
      {
        extends: true,
        test: {
          name: 'slow',
          include: SLOW,
          // dist/ for the tests that start the compiled bot as users do (npm start, npm run deploy).
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
