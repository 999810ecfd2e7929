import type { Document, Sentence } from '../../document/types.js';
import { mentionIndexByToken, overlappingRun } from '../../document/spans.js';
import type { Lexicons } from '../../resources/lexicons.js';
import type { Quote } from '../../text/quotes.js';
import type { KnowledgeBase } from '../../resources/kb.js';
import { OrganizationKinds } from './organization-kinds.js';
import { statementQuotes } from './open-quotes.js';
import type { ModelInfo, StatementCandidate, StatementExtractor } from '../types.js';
import { isTitleCaseHeading, noStatementZones } from '../zones.js';
import { ClauseStatements } from './clauses.js';
import { CueFinder, type CueHit } from './cue-finder.js';
import type { StatementLexicon } from '../../resources/statement-lexicon.js';
import { languageIndex } from '../../resources/language.js';
import { partOfSpeechResource } from '../pos/tag-lookup.js';
import { authorStatements } from './opinion.js';
import { quoteContinuations } from './quote-continuation.js';
import { SpeakerFinder } from './speakers.js';
import { StanceLabeller } from './stance-labels.js';
import { statementSpan } from './statement-span.js';

/**
 * The rule-based statement finder. Per sentence outside no-statement zones:
 * cues (`cue-finder`), then statements per clause with their speakers
 * (`clauses`, `speakers`) and labels (`stance-labels`); then quoted
 * sentences with no cue of their own continue their quotation's statement
 * (`quote-continuation`); in an opinion piece, the author's evaluative
 * narration is the author's statement (`opinion`).
 */
export class RuleStatementExtractor implements StatementExtractor {
  readonly info: ModelInfo;
  readonly lexicon: StatementLexicon;
  readonly labels: StanceLabeller;
  private readonly cueFinder: CueFinder;
  private readonly clauses: ClauseStatements;

  /** `knowledgeBase`: where its descriptions say what kind an organization is ("television channel"), for "the ministry" or "the group". */
  constructor(lexicons: Lexicons, knowledgeBase?: KnowledgeBase) {
    this.lexicon = languageIndex(lexicons).statements;
    this.info = {
      name: 'statement-rules',
      version: '1',
      kind: 'rules',
      resources: {
        'cues.json': lexicons.cues.sha256,
        'statement-grammar.json': lexicons.statementGrammar.sha256,
        'organization-kinds.json': lexicons.organizationKinds.sha256,
        ...partOfSpeechResource(),
      },
    };
    this.labels = new StanceLabeller(this.lexicon);
    this.cueFinder = new CueFinder(this.lexicon);
    const kinds = new OrganizationKinds(lexicons.organizationKinds.data, organizationDescriptions(knowledgeBase));
    this.clauses = new ClauseStatements(this.lexicon, this.labels, new SpeakerFinder(this.lexicon, kinds), this.info.name);
  }

  async extract(docs: readonly Document[]): Promise<StatementCandidate[][]> {
    return docs.map((doc) => this.extractOne(doc));
  }

  extractOne(doc: Document): StatementCandidate[] {
    const words = doc.tokens.map((t) => t.text.toLowerCase().replace(/’/g, "'"));
    const mentionAt = mentionIndexByToken(doc);
    const quotes = statementQuotes(doc, words, mentionAt, this.lexicon);
    const blocked = noStatementZones(doc);
    const found: StatementCandidate[] = [];
    const introducers = new Map<number, StatementCandidate>();
    const attributedQuotes = new Map<Quote, StatementCandidate>();
    const pending: Sentence[] = [];
    for (const sentence of doc.sentences) {
      if (blocked.some((z) => z.start <= sentence.start && sentence.end <= z.end)) continue;
      const span = statementSpan(doc, sentence, blocked);
      if (!span || isTitleCaseHeading(doc, sentence)) continue;
      const view = { doc, words, sentence, quotes, mentionAt, earlier: found };
      const hits = this.cueFinder.find(view);
      if (hits.length === 0) {
        pending.push(sentence);
        continue;
      }
      for (const candidate of this.clauses.build(view, span, hits)) {
        found.push(candidate);
        if (isIntroducer(doc, sentence, hits)) introducers.set(sentence.index, candidate);
        const { first, last } = overlappingRun(quotes, sentence);
        for (const quote of quotes.slice(first, last)) attributedQuotes.set(quote, candidate);
      }
    }
    const spanOf = (sentence: Sentence) => statementSpan(doc, sentence, blocked);
    const { grammar } = this.lexicon;
    const continued = quoteContinuations(
      { doc, words, pending, quotes, attributedQuotes, found, spanOf, introducers },
      this.labels,
      grammar,
      this.info.name,
    );
    const covered = new Set(continued.map((s) => s.sentence));
    const unattributed = pending.filter((sentence) => !covered.has(sentence.index));
    const byAuthor = authorStatements({ doc, words, unattributed, quotes, spanOf }, this.labels, grammar, this.info.name);
    // "He said:" holds no content of its own: its statement is the sentence it introduces.
    const introducing = new Set(introducers.values());
    const spoken = found.filter((s) => !introducing.has(s));
    return [...spoken, ...continued, ...byAuthor].sort((a, b) => a.start - b.start);
  }
}

/** A sentence that only introduces what follows: it ends with a colon within two words of its last cue ("The governor added:"). */
function isIntroducer(doc: Document, sentence: Sentence, hits: readonly CueHit[]): boolean {
  const last = hits.at(-1);
  return doc.tokens[sentence.tokenEnd - 1]?.text === ':' && last !== undefined && sentence.tokenEnd - 1 - last.last <= 2;
}

/** Knowledge-base id → description, for the organizations that have one. */
function organizationDescriptions(knowledgeBase: KnowledgeBase | undefined): ReadonlyMap<string, string> {
  const descriptions = new Map<string, string>();
  for (const [id, entry] of knowledgeBase?.entries ?? [])
    if (entry.type === 'ORGANIZATION' && entry.description) descriptions.set(id, entry.description);
  return descriptions;
}
