import { describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/pipeline/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

const counts = (done: number) => ({ done, total: 10, written: done, unchanged: 0, failed: 0 });

describe('progress', () => {
  it('redraws one bar in place on a terminal', () => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(true);
    const progress = createProgress(stream);
    vi.advanceTimersByTime(200);
    progress.update(counts(5));
    progress.finish(counts(10));
    vi.useRealTimers();
    expect(writes[0]).toMatch(/^\r\[#{12}\.{12}\] 5\/10 docs/);
    expect(writes.at(-1)).toMatch(/^\r\[#{24}\] 10\/10 docs, 10 written.*\n$/);
  });

  it('prints whole lines at most once per interval when stderr is a log', () => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(false);
    const progress = createProgress(stream, { intervalMs: 1000 });
    progress.update(counts(1));
    vi.advanceTimersByTime(1001);
    progress.update(counts(2));
    progress.update(counts(3));
    vi.advanceTimersByTime(1001);
    progress.update(counts(4));
    vi.useRealTimers();
    expect(writes).toEqual([expect.stringMatching(/^stancemap: 2\/10 docs.*\n$/), expect.stringMatching(/^stancemap: 4\/10 docs/)]);
    expect(writes.every((w) => !w.includes('\r'))).toBe(true);
  });
});
