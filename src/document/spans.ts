import type { Document, Span } from './types.js';

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function overlapLength(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function byPosition(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/** Shrinks a span so it neither starts nor ends with whitespace. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Index of the first span in a sorted list whose end is after `offset` (binary search). */
export function firstEndingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `offset` lies inside one of `sorted`, spans sorted by position and disjoint: a binary search, not a scan. */
export function insideSorted(sorted: readonly Span[], offset: number): boolean {
  const index = firstEndingAfter(sorted, offset);
  return index < sorted.length && sorted[index]!.start <= offset;
}

/**
 * For each token, the index into `doc.mentions` of the mention it lies in, or
 * -1. Tokens and mentions are both in text order, so one pass does it.
 */
export function mentionIndexByToken(doc: Pick<Document, 'tokens' | 'mentions'>): Int32Array {
  const out = new Int32Array(doc.tokens.length).fill(-1);
  let t = 0;
  doc.mentions.forEach((mention, index) => {
    while (t < doc.tokens.length && doc.tokens[t]!.end <= mention.start) t++;
    for (let k = t; k < doc.tokens.length && doc.tokens[k]!.start < mention.end; k++) out[k] = index;
  });
  return out;
}

/** Index of the sentence holding `offset` (the last one for an offset past the end). */
export function sentenceAt(doc: Pick<Document, 'sentences'>, offset: number): number {
  const index = firstEndingAfter(doc.sentences, offset);
  return Math.min(index, Math.max(0, doc.sentences.length - 1));
}

/** Whether spans sorted by position are also disjoint: then those overlapping any span form one run, found by `overlappingRun`. */
export function areDisjoint(sorted: readonly Span[]): boolean {
  return sorted.every((span, i) => i === 0 || sorted[i - 1]!.end <= span.start);
}

/** The index range [first, last) of the spans overlapping `span`, in sorted, disjoint spans: a binary search, not a scan. */
export function overlappingRun(sorted: readonly Span[], span: Span): { first: number; last: number } {
  const first = firstEndingAfter(sorted, span.start);
  let last = first;
  while (last < sorted.length && sorted[last]!.start < span.end) last++;
  return { first, last };
}

/** Disjoint spans kept in position order, for asking whether a new span overlaps any of them in logarithmic time. */
export class DisjointSpans {
  private readonly sorted: Span[] = [];

  overlapsAny(span: Span): boolean {
    const index = firstEndingAfter(this.sorted, span.start);
    return index < this.sorted.length && this.sorted[index]!.start < span.end;
  }

  /** Adds a span that overlaps none already held. */
  add(span: Span): void {
    this.sorted.splice(firstEndingAfter(this.sorted, span.start), 0, { start: span.start, end: span.end });
  }
}
