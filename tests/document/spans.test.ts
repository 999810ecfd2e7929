import { describe, expect, it } from 'vitest';
import { areDisjoint, overlappingRun } from '../../src/document/spans.js';

const spans = [
  { start: 0, end: 5 },
  { start: 10, end: 14 },
  { start: 20, end: 30 },
  { start: 31, end: 40 },
];

describe('overlappingRun', () => {
  it('finds the run of sorted, disjoint spans that overlap a span, touching ends excluded', () => {
    expect(overlappingRun(spans, { start: 12, end: 25 })).toEqual({ first: 1, last: 3 });
    expect(overlappingRun(spans, { start: 5, end: 10 })).toEqual({ first: 1, last: 1 });
    expect(overlappingRun(spans, { start: 0, end: 50 })).toEqual({ first: 0, last: 4 });
    expect(overlappingRun(spans, { start: 45, end: 50 })).toEqual({ first: 4, last: 4 });
  });

  it('is what a scan of every span finds', () => {
    for (let start = 0; start < 42; start += 3) {
      for (let end = start + 1; end < 45; end += 4) {
        const { first, last } = overlappingRun(spans, { start, end });
        const scanned = spans.flatMap((s, i) => (s.start < end && start < s.end ? [i] : []));
        expect(Array.from({ length: last - first }, (_, k) => first + k)).toEqual(scanned);
      }
    }
  });
});

describe('areDisjoint', () => {
  it('tells sorted spans that never overlap from ones that do', () => {
    expect(areDisjoint(spans)).toBe(true);
    expect(
      areDisjoint([
        { start: 0, end: 5 },
        { start: 4, end: 9 },
      ]),
    ).toBe(false);
    expect(areDisjoint([])).toBe(true);
  });
});
