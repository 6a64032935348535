import { defineConfig } from 'vitest/config';

// One runner for every tier: pure rules, server on real databases (the embedded PostgreSQL always, a PostgreSQL server
// too when DATABASE_URL is set), and the browser (Debian chromium through playwright-core).
export default defineConfig({
  test: {
    projects: [
      // exhaustive domain checks (every catalogue item × every fact) take seconds on a busy 2-core machine
      { test: { name: 'domain', include: ['packages/domain/test/**/*.test.ts'], setupFiles: ['packages/domain/test/setup.ts'], testTimeout: 30_000 } },
      // the web's pure modules (the phone's sync plan and overlay, SM3 at capture) in Node; its shared components
      // (test/components/*.test.tsx) in jsdom, chosen per file
      { test: { name: 'web', include: ['packages/web/test/**/*.test.{ts,tsx}'], setupFiles: ['packages/web/test/components/setup.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'server',
          include: ['packages/server/test/**/*.test.ts'],
          globalSetup: ['packages/server/test/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
