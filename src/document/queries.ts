import { firstEndingAfter } from './spans.js';
import type { Document } from './types.js';

/** The mention that ends exactly at `end`, if any. */
export function mentionEndingAt(doc: Document, end: number): number | undefined {
  const index = doc.mentions.findIndex((m) => m.end === end);
  return index === -1 ? undefined : index;
}

/** Indexes of the mentions lying wholly inside [start, end). */
export function mentionsIn(doc: Document, start: number, end: number): number[] {
  const out: number[] = [];
  doc.mentions.forEach((m, i) => {
    if (m.start >= start && m.end <= end) out.push(i);
  });
  return out;
}

/** Index of the first token ending after `offset` (the token at or after it); the token count if none. */
export function firstTokenOf(doc: Document, offset: number): number {
  return firstEndingAfter(doc.tokens, offset);
}

/** The text from token `first` through token `lastExclusive - 1`. */
export function spanText(doc: Document, first: number, lastExclusive: number): string {
  return doc.text.slice(doc.tokens[first]!.start, doc.tokens[lastExclusive - 1]!.end);
}
