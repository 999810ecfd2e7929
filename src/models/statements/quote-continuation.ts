import type { Document, Sentence, Span, StanceLabel } from '../../document/types.js';
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
  const seen = [...found];
  const out: StatementCandidate[] = [];
  for (const sentence of input.pending) {
    const quote = quotes.find((q) => q.start <= sentence.start + 1 && sentence.start < q.end && mostlyInside(sentence, q));
    const introducer = input.introducers.get(sentence.index - 1);
    if (!quote && !introducer) continue;
    const source = introducer ?? (quote && input.attributedQuotes.get(quote)) ?? neighbourStatement(doc, seen, sentence);
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
    seen.push(statement);
  }
  return out;
}

/** The latest statement within two sentences before (same or previous paragraph), else one in the next sentence of the paragraph. */
function neighbourStatement(doc: Document, found: readonly StatementCandidate[], sentence: Sentence): StatementCandidate | undefined {
  const earlier = found
    .filter(
      (s) =>
        doc.sentences[s.sentence]!.paragraph >= sentence.paragraph - 1 && s.sentence < sentence.index && s.sentence >= sentence.index - 2,
    )
    .at(-1);
  return earlier ?? found.find((s) => s.sentence === sentence.index + 1 && doc.sentences[s.sentence]!.paragraph === sentence.paragraph);
}

function mostlyInside(sentence: Sentence, quote: Quote): boolean {
  const overlap = Math.min(sentence.end, quote.end) - Math.max(sentence.start, quote.start);
  return overlap >= (sentence.end - sentence.start) * 0.6;
}
