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
    // Test files share a worker's modules instead of each loading compromise,
    // the knowledge base, the tagger and the attribution model afresh (and
    // the default pipeline the helpers build): the whole suite takes less than
    // half the time. In exchange, a test must undo what it changes globally
    // (env stubs, spies, fake timers), and a file that vi.mock()s a module
    // another file may already have loaded calls vi.resetModules() before
    // importing what it tests (tests/io/atomic.test.ts).
    isolate: false,
    // Safety net for the above: env stubs never leak into the next test.
    unstubEnvs: true,
  },
});
