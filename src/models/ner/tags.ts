import type { Document, EntityType, Span } from '../../document/types.js';

/**
 * BILOU tags over tokens: Begin, Inside, Last of a multi-token name, Unit for
 * a one-token name, Outside. MISC (CoNLL's other names: nationalities,
 * events, works) is learned as its own type so the tagger can tell "German"
 * from "Germany", and is never output as a mention.
 */
export const NAME_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NameType = (typeof NAME_TYPES)[number];

export const NER_TAGS: readonly string[] = ['O', ...NAME_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];
export const OUTSIDE = 0;

export const ENTITY_OF: Readonly<Record<NameType, EntityType | null>> = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION', MISC: null };
export const NAME_TYPE_OF: Readonly<Record<EntityType, NameType>> = { PERSON: 'PER', ORGANIZATION: 'ORG', LOCATION: 'LOC' };

export interface TypedSpan extends Span {
  type: NameType;
}

const prefixOf = (tag: number): string => NER_TAGS[tag]![0]!;
export const typeOfTag = (tag: number): NameType | null => (tag === OUTSIDE ? null : (NER_TAGS[tag]!.slice(2) as NameType));

/** Tags that may follow `previous` (OUTSIDE at a sentence start): a B or I must be continued by I or L of its type. */
export function allowedAfter(previous: number): readonly number[] {
  return ALLOWED[previous]!;
}

const ALLOWED: number[][] = NER_TAGS.map((_, previous) => {
  const open = previous !== OUTSIDE && (prefixOf(previous) === 'B' || prefixOf(previous) === 'I');
  return NER_TAGS.map((tag, index) => ({ tag, index }))
    .filter(({ index }) => {
      if (open) return typeOfTag(index) === typeOfTag(previous) && (prefixOf(index) === 'I' || prefixOf(index) === 'L');
      return index === OUTSIDE || prefixOf(index) === 'B' || prefixOf(index) === 'U';
    })
    .map(({ index }) => index);
});

/** Tags that may end a sentence: no name is left open. */
export const closesName = (tag: number): boolean => tag === OUTSIDE || prefixOf(tag) === 'L' || prefixOf(tag) === 'U';

/**
 * Gold spans → one tag per token of `doc`. A token belongs to a span when it
 * overlaps it; a span that crosses a sentence boundary, lies outside every
 * sentence or overlaps an earlier span is left out (its tokens stay O).
 */
export function tagsForSpans(doc: Document, spans: readonly TypedSpan[]): Uint8Array {
  const tags = new Uint8Array(doc.tokens.length);
  const sentenceOf = new Int32Array(doc.tokens.length).fill(-1);
  for (const s of doc.sentences) sentenceOf.fill(s.index, s.tokenStart, s.tokenEnd);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const span of sorted) {
    while (k < doc.tokens.length && doc.tokens[k]!.end <= span.start) k++;
    let last = k;
    while (last < doc.tokens.length && doc.tokens[last]!.start < span.end) last++;
    if (last === k || sentenceOf[k] === -1 || sentenceOf[k] !== sentenceOf[last - 1]) continue;
    if (tags.subarray(k, last).some((t) => t !== OUTSIDE)) continue;
    const tagIndex = (prefix: string) => NER_TAGS.indexOf(`${prefix}-${span.type}`);
    if (last - k === 1) tags[k] = tagIndex('U');
    else {
      tags.fill(tagIndex('I'), k, last);
      tags[k] = tagIndex('B');
      tags[last - 1] = tagIndex('L');
    }
  }
  return tags;
}

/** Token tags → typed token ranges (`end` exclusive); a malformed run is closed where it breaks. */
export function spansOfTags(tags: ArrayLike<number>): Array<{ type: NameType; first: number; end: number }> {
  const out: Array<{ type: NameType; first: number; end: number }> = [];
  let open: { type: NameType; first: number; end: number } | null = null;
  for (let k = 0; k < tags.length; k++) {
    const tag = tags[k]!;
    const type = typeOfTag(tag);
    if (type === null) {
      open = null;
      continue;
    }
    const prefix = prefixOf(tag);
    if (open && open.type === type && (prefix === 'I' || prefix === 'L')) open.end = k + 1;
    else {
      open = { type, first: k, end: k + 1 };
      out.push(open);
    }
    if (prefix === 'L' || prefix === 'U') open = null;
  }
  return out;
}
