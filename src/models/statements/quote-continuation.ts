import type { Document, Sentence, Span, StanceLabel } from '../../document/types.js';
import { firstEndingAfter } from '../../document/spans.js';
import type { Quote } from '../../text/quotes.js';
import type { StatementCandidate } from '../types.js';
import { roundConfidence } from './clauses.js';
import type { StatementGrammar } from '../../resources/statement-lexicon.js';
import type { StanceLabeller } from './stance-labels.js';

export interface ContinuationInput {
  doc: Document;
  words: readonly string[];
  /** Sentences with no cue of their own, in text order. */
  pending: readonly Sentence[];
  quotes: readonly Quote[];
  /** The statement that attributed each quotation, where one did. */
  attributedQuotes: ReadonlyMap<Quote, StatementCandidate>;
  /** Statements found so far, in text order. */
  found: readonly StatementCandidate[];
  spanOf: (sentence: Sentence) => Span | undefined;
  /** Sentence index → the statement of an introducer ending there ("He said:"), whose content is the next sentence. */
  introducers: ReadonlyMap<number, StatementCandidate>;
}

/**
 * ANNOTATION.md makes each quoted sentence a statement: a quoted sentence
 * with no cue takes the speaker of its quotation, or of the statement just
 * before in the paragraph (or just after, when the attribution follows).
 * The sentence after an introducer ("The governor added:") is its content,
 * quoted or not.
 */
export function quoteContinuations(
  input: ContinuationInput,
  labeller: StanceLabeller,
  grammar: StatementGrammar,
  modelName: string,
): StatementCandidate[] {
  const { doc, words, quotes, found } = input;
  // Continuations chain: a third quoted sentence may take its speaker from the second.
  const seen = new StatementsBySentence(found);
  const out: StatementCandidate[] = [];
  for (const sentence of input.pending) {
    const quote = quoteOver(quotes, sentence);
    const introducer = input.introducers.get(sentence.index - 1);
    if (!quote && !introducer) continue;
    const source = introducer ?? (quote && input.attributedQuotes.get(quote)) ?? seen.neighbour(doc, sentence);
    const span = input.spanOf(sentence);
    if (!source || !span) continue;
    const stance = labeller.contentStance(words, sentence.tokenStart, sentence.tokenEnd, doc);
    const label: StanceLabel = stance.threat ? 'threat' : stance.support ? 'support' : 'claim';
    const confidence = roundConfidence(
      label === 'claim' ? grammar.confidence.quoteContinuation : grammar.confidence.quoteContinuationStance,
    );
    const statement: StatementCandidate = {
      ...span,
      sentence: sentence.index,
      label,
      speakerMention: source.speakerMention,
      speakerEntity: source.speakerEntity,
      speakerText: source.speakerText,
      cue: source.cue,
      confidence,
      provenance: { source: 'rule', model: modelName, rule: 'quote-continuation', score: confidence },
    };
    out.push(statement);
    seen.add(statement);
  }
  return out;
}

/** Statements by sentence, in the order they were found: a neighbour is looked up, not searched for among all of them. */
class StatementsBySentence {
  private readonly bySentence = new Map<number, Array<{ statement: StatementCandidate; order: number }>>();
  private count = 0;

  constructor(found: readonly StatementCandidate[]) {
    for (const statement of found) this.add(statement);
  }

  add(statement: StatementCandidate): void {
    const list = this.bySentence.get(statement.sentence);
    const entry = { statement, order: this.count++ };
    if (list) list.push(entry);
    else this.bySentence.set(statement.sentence, [entry]);
  }

  /** The latest found statement within two sentences before (same or previous paragraph), else the first in the next sentence of the paragraph. */
  neighbour(doc: Document, sentence: Sentence): StatementCandidate | undefined {
    const before = [...(this.bySentence.get(sentence.index - 2) ?? []), ...(this.bySentence.get(sentence.index - 1) ?? [])]
      .filter(({ statement }) => doc.sentences[statement.sentence]!.paragraph >= sentence.paragraph - 1)
      .sort((a, b) => a.order - b.order)
      .at(-1);
    if (before) return before.statement;
    const next = this.bySentence.get(sentence.index + 1)?.[0]?.statement;
    return next && doc.sentences[next.sentence]!.paragraph === sentence.paragraph ? next : undefined;
  }
}

function mostlyInside(sentence: Sentence, quote: Quote): boolean {
  const overlap = Math.min(sentence.end, quote.end) - Math.max(sentence.start, quote.start);
  return overlap >= (sentence.end - sentence.start) * 0.6;
}

/** The quotation that holds most of a sentence starting in it (or one character before it): quotes are sorted and disjoint, so only those from the first ending after its start can. */
function quoteOver(quotes: readonly Quote[], sentence: Sentence): Quote | undefined {
  for (let i = firstEndingAfter(quotes, sentence.start); i < quotes.length && quotes[i]!.start <= sentence.start + 1; i++) {
    if (mostlyInside(sentence, quotes[i]!)) return quotes[i];
  }
  return undefined;
}
