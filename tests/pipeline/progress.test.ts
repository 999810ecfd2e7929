import { describe, expect, it, vi } from 'vitest';
import { createProgress, createTaskProgress } from '../../src/pipeline/progress.js';

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

describe('task progress (training)', () => {
  it('on a log: a new phase at once, then at most a line per interval, the phase’s end always, notes always', () => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(false);
    const progress = createTaskProgress(stream, { intervalMs: 1000 });
    for (let done = 1; done <= 4; done++) progress.step('features', done, 4);
    progress.note('epoch 1/2: F1 50.0');
    progress.step('epoch documents', 1, 3);
    vi.advanceTimersByTime(1001);
    progress.step('epoch documents', 2, 3);
    vi.useRealTimers();
    expect(writes).toEqual([
      'stancemap: features: 1/4 (0 s)\n',
      'stancemap: features: 4/4 (0 s)\n',
      'stancemap: epoch 1/2: F1 50.0\n',
      'stancemap: epoch documents: 1/3 (0 s)\n',
      'stancemap: epoch documents: 2/3 (1 s)\n',
    ]);
  });

  it('on a terminal: redraws the phase in place and ends its line before a note', () => {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(true);
    const progress = createTaskProgress(stream);
    progress.step('features', 1, 4);
    progress.note('done reading');
    vi.useRealTimers();
    expect(writes).toEqual(['\rstancemap: features: 1/4 (0 s)\u001b[K', '\n', '\rstancemap: done reading\u001b[K\n']);
  });
});
