import { firstEndingAfter } from './spans.js';
import type { Document, Token } from './types.js';

// doc.mentions are in text order and disjoint (the entities stage merges them so), which makes these binary searches.

/** The mention that ends exactly at `end`, if any. */
export function mentionEndingAt(doc: Document, end: number): number | undefined {
  const index = firstEndingAfter(doc.mentions, end - 1);
  return doc.mentions[index]?.end === end ? index : undefined;
}

/** Indexes of the mentions lying wholly inside [start, end). */
export function mentionsIn(doc: Document, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = firstEndingAfter(doc.mentions, start); i < doc.mentions.length && doc.mentions[i]!.start < end; i++) {
    const m = doc.mentions[i]!;
    if (m.start >= start && m.end <= end) out.push(i);
  }
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

/** Whether token k touches the tokens on both sides with no space between: a hyphen inside a word ("50-state"), not a dash. */
export function joinsNeighbours(tokens: readonly Token[], k: number): boolean {
  return tokens[k - 1]?.end === tokens[k]!.start && tokens[k]!.end === tokens[k + 1]?.start;
}
