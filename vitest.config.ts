import { defineConfig } from 'vitest/config';

/** Test files that mock a module the others load for real: they run in a fresh module graph of their own. */
const MOCKING_FILES = ['tests/models/transformer/lazy-load.test.ts'];

export default defineConfig({
  test: {
    // Generous limits: the CLI and training suites run whole extractions (in
    // tests and in beforeAll hooks) that take over 20 s on a busy 2-core
    // machine, past vitest's 10 s hook default and close to 30 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Safety net for the shared modules below: env stubs never leak into the next test.
    unstubEnvs: true,
    // Extractions run in the test's own thread (--workers 0) unless a test asks
    // for worker threads (tests/pipeline/workers.test.ts does): a pool per CLI
    // test would load every model again each time.
    env: { STANCEMAP_WORKERS: '0' },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['tests/**/*.test.ts'],
          exclude: MOCKING_FILES,
          // Test files share a worker's modules instead of each loading compromise,
          // the knowledge base, the tagger and the attribution model afresh (and
          // the default pipeline the helpers build): the whole suite takes less than
          // half the time. In exchange, a test must undo what it changes globally
          // (env stubs, spies, fake timers), a file that vi.mock()s a module
          // another file may already have loaded calls vi.resetModules() before
          // importing what it tests (tests/io/atomic.test.ts), and a file whose
          // mock must see every import of a module goes in MOCKING_FILES.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: MOCKING_FILES, isolate: true } },
    ],
  },
});
