import { describe, expect, it } from 'vitest';
import { bestWindowPerPiece, planWindows } from '../../../src/models/transformer/windows.js';

describe('planWindows', () => {
  it('uses one window when everything fits', () => {
    expect(planWindows(10, 10, 3)).toEqual([{ start: 0, end: 10 }]);
    expect(planWindows(0, 10, 3)).toEqual([]);
  });

  it('covers every piece with full windows that overlap by the given amount', () => {
    const windows = planWindows(30, 10, 3);
    expect(windows).toEqual([
      { start: 0, end: 10 },
      { start: 7, end: 17 },
      { start: 14, end: 24 },
      { start: 20, end: 30 },
    ]);
    for (const w of windows) expect(w.end - w.start).toBe(10);
  });

  it('caps the overlap below the window so it always moves forward', () => {
    const windows = planWindows(12, 4, 10);
    expect(windows.map((w) => w.start)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('bestWindowPerPiece', () => {
  it('takes each piece from the window where it lies furthest from an inner edge', () => {
    const windows = planWindows(30, 10, 4);
    const best = bestWindowPerPiece(30, windows);
    // Windows 0 and 1 share pieces 6–9: the first half stays with window 0, the second goes to window 1.
    expect([best[5], best[6], best[7], best[8], best[9], best[10]]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(best[29]).toBe(windows.length - 1);
    expect(best[0]).toBe(0);
    for (let i = 0; i < 30; i++) {
      const w = windows[best[i]!]!;
      expect(i).toBeGreaterThanOrEqual(w.start);
      expect(i).toBeLessThan(w.end);
    }
  });
});
