/** A window of pieces [start, end) that fits the model's input. */
export interface Window {
  start: number;
  end: number;
}

/**
 * Cuts `count` pieces into windows of at most `capacity` pieces, each
 * overlapping the one before by `overlap`, so that every piece has context on
 * both sides in some window. The last window is aligned to the end, so no
 * window is shorter than it has to be.
 */
export function planWindows(count: number, capacity: number, overlap: number): Window[] {
  if (capacity < 1) throw new Error(`window capacity must be positive, got ${capacity}`);
  if (count <= capacity) return count === 0 ? [] : [{ start: 0, end: count }];
  const stride = Math.max(1, capacity - Math.min(overlap, capacity - 1));
  const windows: Window[] = [];
  for (let start = 0; ; start += stride) {
    if (start + capacity >= count) {
      windows.push({ start: Math.max(0, count - capacity), end: count });
      break;
    }
    windows.push({ start, end: start + capacity });
  }
  return windows;
}

/**
 * For each piece, the window that sees it with the most context: the one
 * where it lies furthest from either edge. Predictions are taken from there,
 * so names cut by one window's edge are read whole in its neighbour.
 */
export function bestWindowPerPiece(count: number, windows: readonly Window[]): Int32Array {
  const best = new Int32Array(count).fill(-1);
  const margin = new Int32Array(count).fill(-1);
  windows.forEach((window, w) => {
    for (let i = window.start; i < window.end; i++) {
      // The document's own start and end are not window edges: nothing lies beyond them.
      const left = window.start === 0 ? Number.MAX_SAFE_INTEGER : i - window.start;
      const right = window.end === count ? Number.MAX_SAFE_INTEGER : window.end - 1 - i;
      const m = Math.min(left, right, 2 ** 30);
      if (m > margin[i]!) {
        margin[i] = m;
        best[i] = w;
      }
    }
  });
  return best;
}
