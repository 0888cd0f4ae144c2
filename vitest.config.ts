import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/fixtures/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A DATABASE_URL in the developer's environment must not move every test's index into PostgreSQL: the
    // tests that use a server name it themselves (tests/pg.ts, TEST_DATABASE_URL).
    env: { DATABASE_URL: '' },
  },
});
