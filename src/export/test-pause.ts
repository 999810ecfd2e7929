import { writeSync } from 'node:fs';

/**
 * STANCEMAP_EXPORT_TEST_PAUSE=<n>: the crash test's hook. Inside the n-th
 * document written, after some of its rows and before its commit, say so on
 * stderr and block for good, so that a test can kill -9 the process at the
 * one moment that matters. Blocking (not awaiting) keeps the SQLite
 * transaction, which is synchronous, open as well.
 */
export function pauseHookFromEnv(env: NodeJS.ProcessEnv): ((docId: string) => void) | undefined {
  const n = Number(env.STANCEMAP_EXPORT_TEST_PAUSE);
  if (!Number.isInteger(n) || n < 1) return undefined;
  let seen = 0;
  return (docId) => {
    seen += 1;
    if (seen !== n) return;
    writeSync(2, `stancemap: test pause inside document ${docId}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  };
}
