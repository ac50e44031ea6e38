import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // e2e and parity files share one engine: keep them from stepping on each other
    fileParallelism: false,
    pool: 'forks',
    // CI=true makes ink (is-in-ci) stop drawing live: berth loads ink with CI=false itself,
    // and the tests that import ink directly need the same
    env: { CI: 'false' },
  },
});
