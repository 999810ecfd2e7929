import { mentionIndexByToken } from '../../document/spans.js';
import { cueBefore } from '../../resources/cue-index.js';
import type { Document, Sentence, Span } from '../../document/types.js';
import type { Quote } from '../../text/quotes.js';
import { statementQuotes } from '../statements/open-quotes.js';
import type { StatementCandidate } from '../types.js';
import type { StatementLexicon } from '../../resources/statement-lexicon.js';
import { statementSpan } from '../statements/statement-span.js';
import { noStatementZones } from '../zones.js';

/**
 * What the attribution model reads of one document, computed once: folded
 * words, which tokens are quoted, which are cue words of the lexicon, which
 * are inside an entity mention, and the rules' statements per sentence (the
 * model learns when to trust them).
 */
export interface AttributionContext {
  doc: Document;
  words: string[];
  quoted: boolean[];
  /** The lexicon's label for a cue word ("said" → claim), or null. */
  cueLabel: Array<string | null>;
  /** Type of the mention a token is in, or null; and whether it starts it. */
  mentionType: Array<string | null>;
  mentionStart: boolean[];
  /** Index into doc.mentions of the mention a token is in, or -1. */
  mentionAt: number[];
  /** Rule statements whose span starts in each sentence. */
  rulesBySentence: Map<number, StatementCandidate[]>;
  /** Tokens inside the speaker mention of some rule statement. */
  ruleSpeaker: boolean[];
  quotes: Quote[];
  /** For each sentence, the index of the first sentence of its paragraph. */
  paragraphStart: number[];
  /** "he", "we", "it": pronouns that can be a clause's subject. */
  subjectPronouns: ReadonlySet<string>;
}

export function buildContext(doc: Document, rules: readonly StatementCandidate[], lexicon: StatementLexicon): AttributionContext {
  const cues = lexicon.cues;
  const words = doc.tokens.map((t) => t.text.toLowerCase().replace(/’/g, "'"));
  const mentionIndex = mentionIndexByToken(doc);
  const quotes = statementQuotes(doc, words, mentionIndex, lexicon);
  const quoted = markTokens(doc, quotes);
  const mentionAt = [...mentionIndex];
  const mentionType = mentionAt.map((m) => (m === -1 ? null : doc.mentions[m]!.type));
  const mentionStart = mentionAt.map((m, k) => m !== -1 && mentionAt[k - 1] !== m);
  const rulesBySentence = new Map<number, StatementCandidate[]>();
  for (const r of rules) {
    const list = rulesBySentence.get(r.sentence);
    if (list) list.push(r);
    else rulesBySentence.set(r.sentence, [r]);
  }
  const speakerMentions = new Set(rules.map((r) => r.speakerMention).filter((m): m is number => m !== null));
  const ruleSpeaker = mentionAt.map((m) => speakerMentions.has(m));
  // "adds to", "charge less": a word that makes a cue another verb makes it no cue here either.
  const cueLabel = words.map(
    (w, k) => cueBefore(cues.verbs.get(w), words, k, cues.particleHedges)?.label ?? (cues.phrases.has(w) ? 'phrase' : null),
  );
  const paragraphStart: number[] = [];
  doc.sentences.forEach((s, i) =>
    paragraphStart.push(i > 0 && doc.sentences[i - 1]!.paragraph === s.paragraph ? paragraphStart[i - 1]! : i),
  );
  return {
    doc,
    words,
    quoted,
    cueLabel,
    mentionType,
    mentionStart,
    mentionAt,
    rulesBySentence,
    ruleSpeaker,
    quotes,
    paragraphStart,
    subjectPronouns: lexicon.grammar.subjectPronouns,
  };
}

/** True for each token that lies inside one of the spans (spans in text order). */
function markTokens(doc: Document, spans: readonly Span[]): boolean[] {
  const out = new Array<boolean>(doc.tokens.length).fill(false);
  let s = 0;
  doc.tokens.forEach((token, k) => {
    while (s < spans.length && spans[s]!.end <= token.start) s++;
    const span = spans[s];
    out[k] = span !== undefined && span.start <= token.start && token.end <= span.end;
  });
  return out;
}

/** The sentences a statement could be made of, with their statement spans. */
export function candidateSentences(doc: Document): Array<{ sentence: Sentence; span: Span }> {
  const blocked = noStatementZones(doc);
  const out: Array<{ sentence: Sentence; span: Span }> = [];
  for (const sentence of doc.sentences) {
    const span = statementSpan(doc, sentence, blocked);
    if (span) out.push({ sentence, span });
  }
  return out;
}
