import type { Document, Mention, Span } from '../../document/types.js';
import { firstEndingAfter } from '../../document/spans.js';
import { mergeCandidates } from '../../models/merge.js';
import { languageIndex } from '../../resources/language.js';
import type { NameParticles } from '../../resources/name-particles.js';
import { fold, phraseAt, phraseEndingAt, type NameLexicon } from '../../resources/name-lexicon.js';
import { isTitleCaseHeading } from '../../models/zones.js';
import type { EntityRecognizer, MentionCandidate, ScoredRecognition } from '../../models/types.js';
import { gapsOnly, isVetoing, overrideWithSure, vetoWeakMentions, type NerPolicy } from '../../models/ensemble.js';
import type { Lexicons } from '../../resources/lexicons.js';
import type { Stage } from '../stage.js';

/**
 * Runs the entity recognizers in order (knowledge base, in-document
 * definitions, rules, compromise, surname echoes), cleans every candidate to
 * ANNOTATION.md's span rules and merges it into `doc.mentions` by priority.
 */
export class EntityStage implements Stage {
  readonly name = 'entities';
  readonly requires = ['text', 'zones', 'tokens', 'sentences'] as const;
  readonly assigns = ['mentions', 'aliasLinks'] as const;
  private readonly lexicon: NameLexicon;
  private readonly particles: NameParticles;

  constructor(
    private readonly recognizers: readonly EntityRecognizer[],
    lexicons: Lexicons,
    /** How a statistical recognizer among them (one that reports "O" confidence) combines with the rest. */
    private readonly policy: NerPolicy = 'union',
  ) {
    this.lexicon = languageIndex(lexicons).names;
    this.particles = languageIndex(lexicons).particles;
  }

  get models() {
    return this.recognizers.map((r) => (isVetoing(r) ? { ...r.info, resources: { ...r.info.resources, policy: this.policy } } : r.info));
  }

  async run(docs: readonly Document[]): Promise<void> {
    const folded = new Map<Document, string[]>();
    for (const doc of docs) {
      doc.mentions = [];
      doc.aliasLinks = [];
      folded.set(doc, doc.tokens.map((t) => fold(t.text)));
    }
    let scored: ScoredRecognition[] | undefined;
    for (const recognizer of this.recognizers) {
      let perDoc: MentionCandidate[][];
      if (isVetoing(recognizer)) {
        scored = await recognizer.recognizeScored(docs);
        // Under model-only the earlier recognizers were only the model's features (the learned tagger reads their mentions).
        if (this.policy === 'model-only') for (const doc of docs) (doc.mentions = []), (doc.aliasLinks = []);
        perDoc = scored.map((r) => r.candidates);
      } else perDoc = await recognizer.recognize(docs);
      docs.forEach((doc, d) => {
        const words = folded.get(doc)!;
        let cleaned = (perDoc[d] ?? []).map((c) => this.clean(doc, c, words)).filter((c): c is MentionCandidate => c !== undefined);
        if (isVetoing(recognizer) && this.policy === 'kb-first') cleaned = gapsOnly(doc, cleaned);
        if (isVetoing(recognizer) && this.policy === 'union') cleaned = overrideWithSure(doc, cleaned);
        mergeCandidates(doc, cleaned, (offset) => sentenceAt(doc, offset));
        // A link stands only where a mention of the candidate's span and type stands (found by it or by another recognizer):
        // an organization alias rejected on a known person's name must not join the person to the organization.
        const standing = new Map(doc.mentions.map((m) => [`${m.start}:${m.end}`, m]));
        for (const candidate of cleaned) {
          if (candidate.aliasOf && standing.get(`${candidate.start}:${candidate.end}`)?.type === candidate.type) {
            doc.aliasLinks.push({ alias: { start: candidate.start, end: candidate.end }, target: candidate.aliasOf });
          }
        }
      });
    }
    if (scored && this.policy === 'union') docs.forEach((doc, d) => vetoWeakMentions(doc, scored[d]!));
    for (const doc of docs) joinAdjacentPersons(doc);
  }

  /**
   * Applies the span rules: no title, leading "the", trailing punctuation or
   * possessive; a mention must start and end on token boundaries (so "Iran"
   * inside "Iran-backed" is never one) and lie inside one sentence.
   */
  clean(doc: Document, candidate: MentionCandidate, words: readonly string[] = doc.tokens.map((t) => fold(t.text))): MentionCandidate | undefined {
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
        else if (first < last && this.lexicon.functionWords.has(words[first]!)) first++;
        else break;
      }
    }
    while (last >= first && !/[\p{L}\p{N}]/u.test(tokens[last]!.text)) last--;
    while (last >= first && /^['’]s$/i.test(tokens[last]!.text)) last--;
    while (first <= last && !/[\p{L}\p{N}]/u.test(tokens[first]!.text)) first++;
    if (first > last) return undefined;
    const span: Span = { start: tokens[first]!.start, end: tokens[last]!.end };
    if (sentenceAt(doc, span.start) !== sentenceAt(doc, span.end - 1)) return undefined;
    const surface = doc.text.slice(span.start, span.end);
    if (!/^[\p{Lu}\p{N}]|^['’ʿ]\p{Lu}/u.test(surface) && !this.particles.articledName.test(surface)) return undefined;
    if (first === last && this.lexicon.functionWords.has(words[first]!)) return undefined;
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
function joinAdjacentPersons(doc: Document): void {
  const joined: Mention[] = [];
  for (const mention of doc.mentions) {
    const previous = joined.at(-1);
    if (previous?.type === 'PERSON' && mention.type === 'PERSON' && doc.text.slice(previous.end, mention.start) === ' ' && previous.sentence === mention.sentence) {
      const { kbId: _dropped, ...rest } = previous;
      joined[joined.length - 1] = { ...rest, end: mention.end, text: doc.text.slice(previous.start, mention.end), provenance: { ...previous.provenance, source: 'rule', rule: 'adjacent-names' } };
      doc.aliasLinks = doc.aliasLinks.filter((l) => !(l.alias.start === mention.start || l.alias.start === previous.start));
    } else joined.push(mention);
  }
  doc.mentions = joined;
}

export function sentenceAt(doc: Document, offset: number): number {
  const index = firstEndingAfter(doc.sentences, offset);
  return Math.min(index, Math.max(0, doc.sentences.length - 1));
}
