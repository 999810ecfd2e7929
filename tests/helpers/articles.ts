import type { EntityType, Span, StanceLabel } from '../../src/document/types.js';
import { ArticleChecked, GoldSchema, type Article, type Gold } from '../../src/schema/article.js';

/**
 * Hand-built, schema-valid output articles (ArticleChecked accepts them) and
 * gold files, for tests of anything that reads pipeline output.
 */

/** The span of the `occurrence`-th (1-based) `needle` in `text`; throws when there is none. */
export function spanOf(text: string, needle: string, occurrence = 1): Span {
  let from = 0;
  for (let n = 1; ; n++) {
    const start = text.indexOf(needle, from);
    if (start === -1) throw new Error(`spanOf: occurrence ${occurrence} of ${JSON.stringify(needle)} not in the text`);
    if (n === occurrence) return { start, end: start + needle.length };
    from = start + 1;
  }
}

/** Sentences split after . ! ? followed by whitespace or the end; every sentence is non-empty. */
export function sentencesOf(text: string): Array<{ index: number; start: number; end: number }> {
  const out: Array<{ index: number; start: number; end: number }> = [];
  for (const m of text.matchAll(/\S[\s\S]*?(?:[.!?](?=\s|$)|$)/g))
    out.push({ index: out.length, start: m.index, end: m.index + m[0].length });
  return out;
}

function sentenceAt(sentences: ReadonlyArray<{ start: number; end: number }>, offset: number): number {
  let index = 0;
  sentences.forEach((s, i) => {
    if (s.start <= offset) index = i;
  });
  return index;
}

export interface EntitySpec {
  type: EntityType;
  /** Defaults to the first mention's text. */
  name?: string;
  aliases?: string[];
  mentions: Span[];
}

export interface StatementSpec extends Span {
  label: StanceLabel;
  /** An entity id ("e1", ids follow the order of `entities`) or null. */
  speaker?: string | null;
  targets?: string[];
}

/** A valid output article over `text`; entity ids e1.., statement ids s1.. in the given order. */
export function makeArticle(text: string, spec: { docId?: string; entities?: EntitySpec[]; statements?: StatementSpec[] } = {}): Article {
  const sentences = sentencesOf(text);
  const article: Article = {
    schemaVersion: 1,
    docId: spec.docId ?? 'doc',
    source: { path: `${spec.docId ?? 'doc'}.txt`, sha256: '0'.repeat(64), bytes: Buffer.byteLength(text), format: 'txt' },
    metadata: { title: null, date: null, author: null },
    pipeline: { version: 'test', fingerprint: 'test' },
    stats: { chars: text.length, sentences: sentences.length, tokens: text.split(/\s+/).filter(Boolean).length },
    warnings: [],
    text,
    sentences,
    entities: (spec.entities ?? []).map((e, i) => ({
      id: `e${i + 1}`,
      type: e.type,
      name: e.name ?? text.slice(e.mentions[0]!.start, e.mentions[0]!.end),
      aliases: e.aliases ?? [],
      mentions: e.mentions.map((m) => ({
        start: m.start,
        end: m.end,
        text: text.slice(m.start, m.end),
        sentence: sentenceAt(sentences, m.start),
        source: 'rule' as const,
      })),
    })),
    statements: (spec.statements ?? []).map((s, i) => ({
      id: `s${i + 1}`,
      label: s.label,
      sentence: sentenceAt(sentences, s.start),
      start: s.start,
      end: s.end,
      text: text.slice(s.start, s.end),
      speaker: s.speaker ?? null,
      speakerText: null,
      targets: s.targets ?? [],
      cue: null,
      confidence: 0.9,
      source: 'rule' as const,
    })),
  };
  return ArticleChecked.parse(article);
}

export interface GoldSpec {
  entities?: Array<{ type: EntityType; name: string; mentions: Span[] }>;
  /** `speaker` is the speaking gold entity's `name`, or null. */
  statements?: Array<Span & { label: StanceLabel; speaker: string | null }>;
  ignore?: Span[];
}

/** A valid gold file; with `text`, mentions also carry their text as the gold builder writes them. */
export function makeGold(docId: string, spec: GoldSpec, text?: string): Gold {
  const gold = {
    docId,
    entities: (spec.entities ?? []).map((e) => ({
      type: e.type,
      name: e.name,
      mentions: e.mentions.map((m) =>
        text === undefined ? { start: m.start, end: m.end } : { start: m.start, end: m.end, text: text.slice(m.start, m.end) },
      ),
    })),
    statements: (spec.statements ?? []).map((s) => ({ label: s.label, start: s.start, end: s.end, speaker: s.speaker })),
    ...(spec.ignore ? { ignore: spec.ignore.map((s) => ({ start: s.start, end: s.end })) } : {}),
  };
  return GoldSchema.parse(gold);
}
