import { firstEndingAfter, sentenceAt } from '../document/spans.js';
import type { Document, Mention, Span } from '../document/types.js';
import type { LanguageIndex } from '../resources/language.js';
import { fold, phraseAt, phraseEndingAt, type NameLexicon } from '../resources/name-lexicon.js';
import type { NameParticles } from '../resources/name-particles.js';
import type { MentionCandidate } from './types.js';
import { isTitleCaseHeading } from './zones.js';

/** A contraction's ending: "I'm", "we'd", "they'll", "you're", "we've", "it's". */
const CONTRACTION = /['’](?:m|d|ll|re|ve|s)$/;

/** ANNOTATION.md's span rules, applied to every recognizer's candidates alike before they are merged. */
export class SpanCleaner {
  private readonly lexicon: NameLexicon;
  private readonly particles: NameParticles;

  constructor(language: LanguageIndex) {
    this.lexicon = language.names;
    this.particles = language.particles;
  }

  /** A closed-class word (folded `word`, as written `text`), contracted or not ("I'm" is "I"). */
  private isFunctionWord(word: string, text: string): boolean {
    const { functionWords } = this.lexicon;
    return functionWords.has(word) || (CONTRACTION.test(text) && functionWords.has(fold(text.replace(CONTRACTION, ''))));
  }

  /**
   * Applies the span rules: no title, leading "the", trailing punctuation or
   * possessive; a mention must start and end on token boundaries (so "Iran"
   * inside "Iran-backed" is never one) and lie inside one sentence.
   */
  clean(
    doc: Document,
    candidate: MentionCandidate,
    words: readonly string[] = doc.tokens.map((t) => fold(t.text)),
  ): MentionCandidate | undefined {
    const tokens = doc.tokens;
    let first = firstEndingAfter(tokens, candidate.start);
    let last = firstEndingAfter(tokens, candidate.end - 1);
    if (first >= tokens.length || last >= tokens.length) return undefined;
    if (tokens[first]!.start !== candidate.start || tokens[last]!.end !== candidate.end) {
      if (candidate.provenance.source !== 'compromise' && candidate.provenance.source !== 'model') return undefined;
      // compromise drops or adds punctuation, and a model's tokenizer splits words ours keeps whole ("Iran-backed"); only whole words survive.
      if (tokens[first]!.start < candidate.start) first++;
      if (tokens[last]!.end > candidate.end) last--;
    }
    const trimmable = candidate.provenance.source !== 'kb' && candidate.provenance.source !== 'definition';
    if (trimmable) {
      for (;;) {
        const title = this.lexicon.titlesKept.has(words[first]!) ? 0 : phraseAt(words, first, this.lexicon.titles);
        if (title > 0 && first + title <= last) first += title;
        else if (first < last && this.isFunctionWord(words[first]!, tokens[first]!.text)) first++;
        else break;
      }
    }
    // A statistical model may take the common noun after a name into it ("the Zanu PF party"); a name ends in a capitalised word or a number.
    if (candidate.provenance.source === 'model')
      while (last > first && /^\p{Ll}/u.test(tokens[last]!.text) && !this.particles.articledName.test(tokens[last]!.text)) last--;
    while (last >= first && !/[\p{L}\p{N}]/u.test(tokens[last]!.text)) last--;
    while (last >= first && /^['’]s$/i.test(tokens[last]!.text)) last--;
    while (first <= last && !/[\p{L}\p{N}]/u.test(tokens[first]!.text)) first++;
    if (first > last) return undefined;
    const span: Span = { start: tokens[first]!.start, end: tokens[last]!.end };
    if (sentenceAt(doc, span.start) !== sentenceAt(doc, span.end - 1)) return undefined;
    const surface = doc.text.slice(span.start, span.end);
    if (!/^[\p{Lu}\p{N}]|^['’ʿ]\p{Lu}/u.test(surface) && !this.particles.articledName.test(surface)) return undefined;
    if (first === last && this.isFunctionWord(words[first]!, tokens[first]!.text)) return undefined;
    if (candidate.provenance.source === 'compromise') {
      // compromise tags "Iraqi government" or "Spanish club"; a name ends in a capitalised word, and not in a title.
      if (!/^[\p{Lu}\p{N}]/u.test(tokens[last]!.text) || phraseEndingAt(words, last + 1, this.lexicon.titles) > 0) return undefined;
      // In a Title Case heading capitalisation marks every word, so compromise's guesses there are noise.
      if (isTitleCaseHeading(doc, doc.sentences[sentenceAt(doc, tokens[first]!.start)]!)) return undefined;
    }
    return { ...candidate, ...span };
  }
}

/**
 * Two person mentions side by side are one name: "Abbas" and "Raad", each
 * known as a surname, are "Abbas Raad" when written "Abbas Raad". The joined
 * mention is a new name, so it keeps no knowledge-base id.
 */
export function joinAdjacentPersons(doc: Document): void {
  const joined: Mention[] = [];
  for (const mention of doc.mentions) {
    const previous = joined.at(-1);
    if (
      previous?.type === 'PERSON' &&
      mention.type === 'PERSON' &&
      doc.text.slice(previous.end, mention.start) === ' ' &&
      previous.sentence === mention.sentence
    ) {
      const { kbId: _dropped, ...rest } = previous;
      joined[joined.length - 1] = {
        ...rest,
        end: mention.end,
        text: doc.text.slice(previous.start, mention.end),
        provenance: { ...previous.provenance, source: 'rule', rule: 'adjacent-names' },
      };
      doc.aliasLinks = doc.aliasLinks.filter((l) => !(l.alias.start === mention.start || l.alias.start === previous.start));
    } else joined.push(mention);
  }
  doc.mentions = joined;
}
