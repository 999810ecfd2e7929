import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Generous limits: the CLI and training suites run whole extractions (in
    // tests and in beforeAll hooks) that take over 20 s on a busy 2-core
    // machine, past vitest's 10 s hook default and close to 30 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
