import { FatalError } from '../errors.js';
import { GoldSchema, type Gold } from '../schema/article.js';

/**
 * CoNLL-2003-style NER files (BIO / IOB) → plain texts plus gold files in the
 * CONTRACT.md gold format, so stancemap can be scored on standard NER data.
 *
 * Everything here is pure: the CLI (src/cli/convert.ts) reads the file and
 * writes the results.
 */

export type EntityType = Gold['entities'][number]['type'];

/** CoNLL types that map onto ours; every other type (MISC included) becomes an `ignore` span. */
export const CONLL_TYPES: Readonly<Record<string, EntityType>> = {
  PER: 'PERSON',
  ORG: 'ORGANIZATION',
  LOC: 'LOCATION',
};

/** A tag other than `O`. `null` stands for `O`. */
export interface ChunkTag {
  prefix: 'B' | 'I';
  type: string;
}

export interface ConllToken {
  text: string;
  tag: ChunkTag | null;
  /** 1-based line in the input file. */
  line: number;
}

export interface ConllSentence {
  tokens: ConllToken[];
}

export interface ConllDocument {
  /** 1-based line where the document starts (its -DOCSTART- line, or its first token). */
  line: number;
  sentences: ConllSentence[];
}

/** A run of tokens with one type, as token indices into a sentence; `end` is exclusive. */
export interface TagSpan {
  type: string;
  start: number;
  end: number;
}

const TAG = /^([BI])-(\S+)$/;

/** Parses one NER tag; `undefined` when it is malformed (`X-PER`, `B-`, `PER`, IOBES `E-`/`S-` …). */
export function parseTag(tag: string): ChunkTag | null | undefined {
  if (tag === 'O') return null;
  const match = TAG.exec(tag);
  if (!match) return undefined;
  return { prefix: match[1] as 'B' | 'I', type: match[2]! };
}

/**
 * Splits a CoNLL file into documents and sentences. The token is the first
 * column and the NER tag the last one (so 2-column BIO files and the 4-column
 * CoNLL-2003 files both work); blank lines end sentences and `-DOCSTART-`
 * lines end documents. A file without `-DOCSTART-` is one document. Documents
 * without any token (e.g. the empty one before a leading `-DOCSTART-`) are
 * dropped, so document numbers count only real documents.
 *
 * Throws `FatalError('E001')` naming `source` and the line for a line that has
 * no tag column or a malformed tag.
 */
export function parseConll(content: string, source: string): ConllDocument[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const documents: ConllDocument[] = [];
  let document: ConllDocument = { line: 1, sentences: [] };
  let sentence: ConllToken[] = [];
  const endSentence = (): void => {
    if (sentence.length > 0) document.sentences.push({ tokens: sentence });
    sentence = [];
  };
  const endDocument = (): void => {
    endSentence();
    if (document.sentences.length > 0) documents.push(document);
  };
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') {
      endSentence();
      return;
    }
    const columns = trimmed.split(/\s+/);
    const token = columns[0]!;
    if (token === '-DOCSTART-') {
      endDocument();
      document = { line, sentences: [] };
      return;
    }
    if (columns.length < 2) {
      throw new FatalError('E001', `${source}:${line}: expected a token and a tag, found "${trimmed}"`);
    }
    const rawTag = columns[columns.length - 1]!;
    const tag = parseTag(rawTag);
    if (tag === undefined) {
      throw new FatalError('E001', `${source}:${line}: malformed tag "${rawTag}" (expected O, B-TYPE or I-TYPE)`);
    }
    sentence.push({ text: token, tag, line });
  });
  endDocument();
  return documents;
}

/**
 * Turns the tags of one sentence into spans. One decoder serves both schemes:
 * - IOB2/BIO: `B-X` starts every entity, `I-X` continues it.
 * - IOB1 (original CoNLL-2003): `I-X` starts an entity unless the previous
 *   token is of type X, and `B-X` appears only where an entity of type X
 *   directly follows another of type X.
 * Rule used: `B-X` always starts a new span; `I-X` continues the span before
 * it when that span has type X and ends at the previous token, otherwise it
 * starts one. On IOB2 input the second case never fires (or only on a stray
 * `I-` after `O`, which conlleval also reads as a start), so the same entities
 * come out whichever scheme the file uses, without the user naming it.
 */
export function decodeTags(tags: ReadonlyArray<ChunkTag | null>): TagSpan[] {
  const spans: TagSpan[] = [];
  let current: TagSpan | null = null;
  tags.forEach((tag, index) => {
    if (tag === null) {
      current = null;
      return;
    }
    if (tag.prefix === 'I' && current !== null && current.type === tag.type) {
      current.end = index + 1;
      return;
    }
    current = { type: tag.type, start: index, end: index + 1 };
    spans.push(current);
  });
  return spans;
}

/** Tokens made only of closing punctuation: no space before them ("end .", "12 %", "( x )"). */
const CLOSING = /^[.,;:!?)\]}%]+$/;
/** Clitics split off by the CoNLL tokenisation: "Trust 's", "did n't" (straight or curly apostrophe). */
const CLITIC = /^(?:['’]s|n['’]t)$/i;
/** Opening brackets: no space after them. */
const OPENING = /^[([{]+$/;

/**
 * Rebuilds the text of a sentence from its tokens: tokens are joined with one
 * space, except that there is no space before closing punctuation
 * (`. , ; : ! ?` `) ] }` `%`, or a run of them such as `...`) and before the
 * clitics `'s` and `n't`, and no space after an opening bracket `( [ {`.
 * Quotes and everything else keep a space on both sides, since whether a `"`
 * opens or closes cannot be told reliably. Returns each token's start offset
 * in the rebuilt text, so spans can be placed exactly.
 */
export function joinTokens(tokens: readonly string[]): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    if (previous !== undefined && !OPENING.test(previous) && !CLOSING.test(token) && !CLITIC.test(token)) text += ' ';
    starts.push(text.length);
    text += token;
  });
  return { text, starts };
}

export interface ConvertedDocument {
  docId: string;
  /** The corpus text: one sentence per line, each line ending with `\n`. */
  text: string;
  gold: Gold;
  sentences: number;
  tokens: number;
  /** Mentions per entity type (PERSON …) and ignore spans per CoNLL type (MISC …). */
  entityCounts: Partial<Record<EntityType, number>>;
  ignoredCounts: Record<string, number>;
}

/**
 * Converts one document. Every mention is its own entity (CoNLL has no
 * coreference) named by its text; MISC and unknown types become `ignore` spans,
 * so a prediction there is scored neither way (ANNOTATION.md). Offsets are JS
 * string indices into `text`.
 */
export function convertDocument(document: ConllDocument, docId: string): ConvertedDocument {
  let text = '';
  let tokens = 0;
  const entities: Gold['entities'] = [];
  const ignore: Array<{ start: number; end: number }> = [];
  const entityCounts: Partial<Record<EntityType, number>> = {};
  const ignoredCounts: Record<string, number> = {};
  for (const sentence of document.sentences) {
    const words = sentence.tokens.map((t) => t.text);
    const joined = joinTokens(words);
    const base = text.length;
    for (const span of decodeTags(sentence.tokens.map((t) => t.tag))) {
      const start = base + joined.starts[span.start]!;
      const end = base + joined.starts[span.end - 1]! + words[span.end - 1]!.length;
      const type = Object.hasOwn(CONLL_TYPES, span.type) ? CONLL_TYPES[span.type] : undefined;
      if (type) {
        const mention = joined.text.slice(start - base, end - base);
        entities.push({ type, name: mention, mentions: [{ start, end, text: mention }] });
        entityCounts[type] = (entityCounts[type] ?? 0) + 1;
      } else {
        ignore.push({ start, end });
        ignoredCounts[span.type] = (ignoredCounts[span.type] ?? 0) + 1;
      }
    }
    text += `${joined.text}\n`;
    tokens += words.length;
  }
  const gold: Gold = { docId, entities, statements: [], ignore };
  return { docId, text, gold, sentences: document.sentences.length, tokens, entityCounts, ignoredCounts };
}

/**
 * Checks a converted document before it is written: the gold must pass
 * `GoldSchema`, and every span must lie inside the text (with each mention's
 * `text` equal to `text.slice(start, end)`), which the schema cannot see.
 * Throws `FatalError('E005')`; a failure here is a bug in the converter.
 */
export function checkConverted(converted: ConvertedDocument): Gold {
  const parsed = GoldSchema.safeParse(converted.gold);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FatalError('E005', `${converted.docId}: field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
  }
  const { text } = converted;
  const inside = (s: { start: number; end: number }): boolean => s.start < s.end && s.end <= text.length;
  for (const entity of parsed.data.entities) {
    for (const m of entity.mentions) {
      if (!inside(m) || text.slice(m.start, m.end) !== m.text) {
        throw new FatalError('E005', `${converted.docId}: mention ${m.start}-${m.end} "${m.text ?? ''}" does not match the text`);
      }
    }
  }
  for (const span of parsed.data.ignore ?? []) {
    if (!inside(span)) throw new FatalError('E005', `${converted.docId}: ignore span ${span.start}-${span.end} outside the text`);
  }
  return parsed.data;
}

/**
 * Parses a whole CoNLL file and converts every document, naming them
 * `<name>-<NNNN>` (0-based, zero-padded to 4 digits). Throws `FatalError('E001')`
 * for malformed lines and for a file with no tokens at all.
 */
export function convertConll(content: string, name: string, source: string): ConvertedDocument[] {
  const documents = parseConll(content, source);
  if (documents.length === 0) throw new FatalError('E001', `${source}: no tokens found (empty CoNLL file)`);
  return documents.map((document, index) => {
    const converted = convertDocument(document, `${name}-${String(index).padStart(4, '0')}`);
    checkConverted(converted);
    return converted;
  });
}

export interface ConversionSummary {
  documents: number;
  sentences: number;
  tokens: number;
  entities: Record<EntityType, number>;
  ignored: Record<string, number>;
}

export function summarize(converted: readonly ConvertedDocument[]): ConversionSummary {
  const summary: ConversionSummary = {
    documents: converted.length,
    sentences: 0,
    tokens: 0,
    entities: { PERSON: 0, ORGANIZATION: 0, LOCATION: 0 },
    ignored: {},
  };
  for (const doc of converted) {
    summary.sentences += doc.sentences;
    summary.tokens += doc.tokens;
    for (const [type, n] of Object.entries(doc.entityCounts) as Array<[EntityType, number]>) summary.entities[type] += n;
    for (const [type, n] of Object.entries(doc.ignoredCounts)) summary.ignored[type] = (summary.ignored[type] ?? 0) + n;
  }
  return summary;
}

/** One line, e.g. `3 documents, 8 sentences, 100 tokens; entities: 4 PERSON, 6 ORGANIZATION, 4 LOCATION; ignored: 3 MISC`. */
export function formatSummary(summary: ConversionSummary): string {
  const entities = Object.entries(summary.entities)
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
  const ignoredTypes = Object.keys(summary.ignored).sort();
  const ignored = ignoredTypes.length === 0 ? 'none' : ignoredTypes.map((type) => `${summary.ignored[type]} ${type}`).join(', ');
  return `${summary.documents} documents, ${summary.sentences} sentences, ${summary.tokens} tokens; entities: ${entities}; ignored: ${ignored}`;
}
